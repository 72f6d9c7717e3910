#!/usr/bin/env bash
# Copies auth's dev secrets (a JWT signing key and the clients file, made by `npm run dev-pki`
# into the git-ignored .dev/) to where the kind overlay's secretGenerator reads them. They stay
# git-ignored there too. Safe to run again: existing dev material is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

target=k8s/overlays/kind/secrets
npm run --silent dev-pki

# The newest key file signs, as in auth itself. ls is safe here: dev-pki names the files <kid>.pem,
# and find -printf, the alternative, does not exist on macOS.
# shellcheck disable=SC2012
newest_key=$(ls -t .dev/jwt-keys/*.pem | head -n 1)
mkdir -p "$target/jwt-keys"
install -m 0600 "$newest_key" "$target/jwt-keys/signing-key.pem"
install -m 0600 .dev/clients.json "$target/clients.json"
echo "kind overlay secrets written to $target/ (git-ignored)"
