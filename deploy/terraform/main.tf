# DiscordGym on AWS (seed 004, PartyPic's picture): a VPC, one RKE2 server and an
# autoscaling group of workers behind an Elastic IP, RDS PostgreSQL 16 and an S3 bucket for
# photos. Kubernetes workloads are deployed by ArgoCD from deploy/k8s afterwards.

locals {
  name = "discordgym-${var.environment}"
}

module "network" {
  source      = "./modules/network"
  name        = local.name
  cidr        = var.vpc_cidr
  admin_cidrs = var.admin_cidrs
}

module "storage" {
  source = "./modules/storage"
  name   = local.name
}

module "database" {
  source            = "./modules/database"
  name              = local.name
  subnet_ids        = module.network.private_subnet_ids
  vpc_id            = module.network.vpc_id
  client_sg_id      = module.network.nodes_sg_id
  instance_class    = var.db_instance_class
  allocated_storage = var.db_allocated_storage
}

module "cluster" {
  source               = "./modules/cluster"
  name                 = local.name
  public_subnet_ids    = module.network.public_subnet_ids
  nodes_sg_id          = module.network.nodes_sg_id
  ssh_key_name         = var.ssh_key_name
  server_instance_type = var.server_instance_type
  worker_instance_type = var.worker_instance_type
  worker_min           = var.worker_min
  worker_max           = var.worker_max
  photos_bucket_arn    = module.storage.bucket_arn
}
