# RKE2: one server node (control plane + etcd) with the Elastic IP, and an autoscaling group
# of workers that join it (the cluster autoscaler in the cluster moves its desired size).

variable "name" {
  type = string
}

variable "public_subnet_ids" {
  type = list(string)
}

variable "nodes_sg_id" {
  type = string
}

variable "ssh_key_name" {
  type = string
}

variable "server_instance_type" {
  type = string
}

variable "worker_instance_type" {
  type = string
}

variable "worker_min" {
  type = number
}

variable "worker_max" {
  type = number
}

variable "photos_bucket_arn" {
  type = string
}

data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]

  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"]
  }
}

resource "random_password" "join_token" {
  length  = 48
  special = false
}

# The nodes may read and write photos and let the cluster autoscaler resize the group.
resource "aws_iam_role" "nodes" {
  name = "${var.name}-nodes"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "nodes" {
  name = "${var.name}-nodes"
  role = aws_iam_role.nodes.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"]
        Resource = [var.photos_bucket_arn, "${var.photos_bucket_arn}/*"]
      },
      {
        Effect = "Allow"
        Action = [
          "autoscaling:DescribeAutoScalingGroups",
          "autoscaling:DescribeAutoScalingInstances",
          "autoscaling:DescribeLaunchConfigurations",
          "autoscaling:SetDesiredCapacity",
          "autoscaling:TerminateInstanceInAutoScalingGroup",
          "ec2:DescribeLaunchTemplateVersions",
          "ec2:DescribeInstanceTypes",
        ]
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_instance_profile" "nodes" {
  name = "${var.name}-nodes"
  role = aws_iam_role.nodes.name
}

resource "aws_instance" "server" {
  ami                    = data.aws_ami.ubuntu.id
  instance_type          = var.server_instance_type
  subnet_id              = var.public_subnet_ids[0]
  vpc_security_group_ids = [var.nodes_sg_id]
  key_name               = var.ssh_key_name
  iam_instance_profile   = aws_iam_instance_profile.nodes.name

  root_block_device {
    volume_size = 40
    volume_type = "gp3"
    encrypted   = true
  }

  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    mkdir -p /etc/rancher/rke2
    cat >/etc/rancher/rke2/config.yaml <<CFG
    token: ${random_password.join_token.result}
    tls-san:
      - ${aws_eip.ingress.public_ip}
    cloud-provider-name: aws
    CFG
    curl -sfL https://get.rke2.io | INSTALL_RKE2_TYPE=server sh -
    systemctl enable --now rke2-server.service
  EOT

  tags = { Name = "${var.name}-server" }
}

resource "aws_eip" "ingress" {
  domain = "vpc"
  tags   = { Name = "${var.name}-ingress" }
}

resource "aws_eip_association" "server" {
  instance_id   = aws_instance.server.id
  allocation_id = aws_eip.ingress.id
}

resource "aws_launch_template" "worker" {
  name_prefix            = "${var.name}-worker-"
  image_id               = data.aws_ami.ubuntu.id
  instance_type          = var.worker_instance_type
  key_name               = var.ssh_key_name
  vpc_security_group_ids = [var.nodes_sg_id]

  iam_instance_profile {
    name = aws_iam_instance_profile.nodes.name
  }

  block_device_mappings {
    device_name = "/dev/sda1"

    ebs {
      volume_size = 40
      volume_type = "gp3"
      encrypted   = true
    }
  }

  user_data = base64encode(<<-EOT
    #!/bin/bash
    set -euo pipefail
    mkdir -p /etc/rancher/rke2
    cat >/etc/rancher/rke2/config.yaml <<CFG
    server: https://${aws_instance.server.private_ip}:9345
    token: ${random_password.join_token.result}
    cloud-provider-name: aws
    CFG
    curl -sfL https://get.rke2.io | INSTALL_RKE2_TYPE=agent sh -
    systemctl enable --now rke2-agent.service
  EOT
  )
}

resource "aws_autoscaling_group" "workers" {
  name                = "${var.name}-workers"
  min_size            = var.worker_min
  max_size            = var.worker_max
  desired_capacity    = var.worker_min
  vpc_zone_identifier = var.public_subnet_ids
  health_check_type   = "EC2"

  launch_template {
    id      = aws_launch_template.worker.id
    version = "$Latest"
  }

  tag {
    key                 = "Name"
    value               = "${var.name}-worker"
    propagate_at_launch = true
  }

  tag {
    key                 = "k8s.io/cluster-autoscaler/enabled"
    value               = "true"
    propagate_at_launch = false
  }

  tag {
    key                 = "k8s.io/cluster-autoscaler/${var.name}"
    value               = "owned"
    propagate_at_launch = false
  }

  lifecycle {
    ignore_changes = [desired_capacity]
  }
}

output "public_ip" {
  value = aws_eip.ingress.public_ip
}

output "server_private_ip" {
  value = aws_instance.server.private_ip
}
