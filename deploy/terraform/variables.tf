variable "region" {
  description = "AWS region for every resource"
  type        = string
  default     = "eu-central-1"
}

variable "environment" {
  description = "Name of this environment (dev, prod); part of every resource name"
  type        = string
  default     = "prod"
}

variable "vpc_cidr" {
  description = "Address range of the VPC"
  type        = string
  default     = "10.40.0.0/16"
}

variable "admin_cidrs" {
  description = "Addresses allowed to reach SSH (22) and the Kubernetes API (6443)"
  type        = list(string)
}

variable "ssh_key_name" {
  description = "Existing EC2 key pair for the nodes"
  type        = string
}

variable "server_instance_type" {
  description = "Instance type of the RKE2 server (control plane + etcd)"
  type        = string
  default     = "t3.medium"
}

variable "worker_instance_type" {
  description = "Instance type of the RKE2 workers"
  type        = string
  default     = "t3.large"
}

variable "worker_min" {
  description = "Fewest workers the autoscaling group keeps"
  type        = number
  default     = 1
}

variable "worker_max" {
  description = "Most workers the cluster autoscaler may start"
  type        = number
  default     = 10
}

variable "db_instance_class" {
  description = "RDS instance class"
  type        = string
  default     = "db.t3.micro"
}

variable "db_allocated_storage" {
  description = "RDS storage in GiB"
  type        = number
  default     = 20
}
