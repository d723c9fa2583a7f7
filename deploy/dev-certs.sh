#!/usr/bin/env bash
# The local mail catcher's certificate for deploy/docker-compose.yml: terugkoppel only speaks
# TLS to a mail server whose certificate it trusts, also on a test bench. Writes
# deploy/dev-certs/mailpit.crt, mailpit.key and bundle.pem (the system's CAs plus this one).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p dev-certs
openssl req -x509 -newkey rsa:2048 -nodes -days 365 \
    -keyout dev-certs/mailpit.key -out dev-certs/mailpit.crt \
    -subj "/CN=mailpit" -addext "subjectAltName=DNS:mailpit,DNS:localhost" 2>/dev/null
system_bundle=""
for candidate in /etc/ssl/certs/ca-certificates.crt /etc/pki/tls/certs/ca-bundle.crt /etc/ssl/cert.pem; do
    if [ -f "$candidate" ]; then system_bundle="$candidate"; break; fi
done
{ [ -n "$system_bundle" ] && cat "$system_bundle"; cat dev-certs/mailpit.crt; } > dev-certs/bundle.pem
# Mailpit and terugkoppel run as other users than yours: the key must be readable to them.
chmod 0644 dev-certs/mailpit.key dev-certs/mailpit.crt dev-certs/bundle.pem
echo "deploy/dev-certs/: mailpit.crt, mailpit.key, bundle.pem"
