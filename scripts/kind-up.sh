#!/usr/bin/env bash
# Creates the workshop cluster and what it needs before `skaffold dev`: kind with audit logging and
# Pod Security defaults (k8s/cluster/), cloud-provider-kind for Gateway API, cert-manager and
# trust-manager at pinned versions, and the dev secrets. Safe to run again: each step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."

cluster=bulkhead
context=kind-$cluster
cert_manager_version=v1.20.2
trust_manager_version=v0.20.3
cloud_provider_kind_image=registry.k8s.io/cloud-provider-kind/cloud-controller-manager:v0.12.0

say() { printf '\n==> %s\n' "$*"; }
need() {
  command -v "$1" >/dev/null 2>&1 || { echo "kind-up: '$1' is required but not on PATH ($2)" >&2; exit 1; }
}
need docker "https://docs.docker.com/get-docker/"
need kind "https://kind.sigs.k8s.io/docs/user/quick-start/#installation (v0.33.0 or newer)"
need kubectl "https://kubernetes.io/docs/tasks/tools/"
need helm "https://helm.sh/docs/intro/install/"
need npm "Node.js 24: https://nodejs.org/"

say "kind cluster '$cluster'"
if kind get clusters 2>/dev/null | grep -qx "$cluster"; then
  echo "already exists"
else
  # From k8s/cluster/, so the config's relative extraMounts find the audit and admission files.
  (cd k8s/cluster && kind create cluster --config kind-cluster.yaml --wait 180s)
fi
kubectl config use-context "$context" >/dev/null

say "cloud-provider-kind (LoadBalancer Services and Gateway API)"
# It drives Docker to run an Envoy per Gateway, so it needs the Docker socket: that is root on this
# machine, which is why it runs only here, for the workshop, and never in a shared environment.
if [ -n "$(docker ps -q --filter name=^bulkhead-cloud-provider-kind$)" ]; then
  echo "already running"
else
  docker rm -f bulkhead-cloud-provider-kind >/dev/null 2>&1 || true
  docker run -d --name bulkhead-cloud-provider-kind --restart unless-stopped --network kind \
    -v /var/run/docker.sock:/var/run/docker.sock \
    "$cloud_provider_kind_image" --enable-lb-port-mapping >/dev/null
fi
echo "waiting for the Gateway API CRDs it installs"
for _ in $(seq 1 60); do
  kubectl get crd gateways.gateway.networking.k8s.io >/dev/null 2>&1 && break
  sleep 2
done
kubectl wait --for condition=Established --timeout=60s \
  crd/gateways.gateway.networking.k8s.io crd/httproutes.gateway.networking.k8s.io \
  crd/backendtlspolicies.gateway.networking.k8s.io

say "cert-manager $cert_manager_version"
# The release's static manifest, over verified HTTPS (no -k anywhere): CRDs, controller and webhook.
kubectl apply --server-side --force-conflicts \
  -f "https://github.com/cert-manager/cert-manager/releases/download/$cert_manager_version/cert-manager.yaml" >/dev/null
kubectl -n cert-manager wait --for condition=Available --timeout=180s deployment --all

say "trust-manager $trust_manager_version"
helm upgrade --install trust-manager oci://quay.io/jetstack/charts/trust-manager \
  --version "$trust_manager_version" --namespace cert-manager \
  --set defaultPackage.enabled=false --wait --timeout 180s >/dev/null
echo "ready"

say "dev secrets for the kind overlay"
scripts/kind-secrets.sh

cat <<'DONE'

The cluster is ready. Next:

  skaffold dev                  # build, deploy k8s/overlays/kind, forward https://localhost:8443

k8s/README.md shows how to call the system through the Gateway with the cluster's CA.
Remove everything with scripts/kind-down.sh.
DONE
