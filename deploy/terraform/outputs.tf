output "ingress_ip" {
  description = "Elastic IP of the RKE2 server: point the DNS records of the app here"
  value       = module.cluster.public_ip
}

output "kubernetes_api" {
  description = "Kubernetes API endpoint (fetch /etc/rancher/rke2/rke2.yaml from the server for a kubeconfig)"
  value       = "https://${module.cluster.public_ip}:6443"
}

output "database_endpoint" {
  description = "RDS endpoint for DATABASE_URL"
  value       = module.database.endpoint
}

output "database_password_secret_arn" {
  description = "Secrets Manager secret holding the generated database password"
  value       = module.database.password_secret_arn
}

output "photos_bucket" {
  description = "S3 bucket for photos (S3_BUCKET)"
  value       = module.storage.bucket_name
}
