#!/usr/bin/env bash
# A self-signed certificate for local HTTPS through NGINX (never for production).
#   scripts/gen-self-signed-cert.sh [DIR]   writes DIR/discordgym.crt and DIR/discordgym.key
# DIR defaults to ./run/certs. Valid for localhost, 127.0.0.1 and ::1, 825 days.
set -euo pipefail
dir="${1:-$(cd "$(dirname "$0")/.." && pwd)/run/certs}"
mkdir -p "$dir"
if [ -s "$dir/discordgym.crt" ] && [ -s "$dir/discordgym.key" ]; then
  echo "certificate exists: $dir/discordgym.crt"
  exit 0
fi
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 825 \
  -subj "/CN=localhost/O=DiscordGym local" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
  -keyout "$dir/discordgym.key" -out "$dir/discordgym.crt" 2>/dev/null
chmod 600 "$dir/discordgym.key"
echo "certificate written: $dir/discordgym.crt (self-signed, for local use only)"
