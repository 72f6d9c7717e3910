#!/usr/bin/env bash
# Creates the workshop cluster and what it needs before `skaffold dev`: kind with audit logging and
# Pod Security defaults (k8s/cluster/), Envoy Gateway for the edge (the Gateway API
# implementation production uses too), cert-manager and trust-manager at pinned versions, and the
# dev secrets. Safe to run again: each step checks first or applies idempotently.
set -euo pipefail
cd "$(dirname "$0")/.."

cluster=bulkhead
context=kind-$cluster
# Pinned; renovate.json keeps each current (its customManagers read these comments).
# renovate: datasource=github-releases depName=envoyproxy/gateway
envoy_gateway_version=v1.9.0
# renovate: datasource=github-releases depName=cert-manager/cert-manager
cert_manager_version=v1.21.1
# renovate: datasource=github-releases depName=cert-manager/trust-manager
trust_manager_version=v0.24.0

say() { printf '\n==> %s\n' "$*"; }
need() {
  command -v "$1" >/dev/null 2>&1 || { echo "kind-up: '$1' is required but not on PATH ($2)" >&2; exit 1; }
}
need docker "https://docs.docker.com/get-docker/"
need kind "https://kind.sigs.k8s.io/docs/user/quick-start/#installation (v0.33.0 or newer)"
need kubectl "https://kubernetes.io/docs/tasks/tools/"
need helm "https://helm.sh/docs/intro/install/"
need npm "Node.js 24: https://nodejs.org/"

say "Docker"
# The containerd image store (Docker 29's default) breaks `kind load docker-image` for some
# images; scripts/kind-load.sh falls back to a one-platform archive (k8s/README.md).
if docker info --format '{{json .DriverStatus}}' | grep -q 'io.containerd.snapshotter'; then
  echo "image store: containerd (if skaffold cannot load an image, see 'When kind load fails' in k8s/README.md)"
else
  echo "image store: classic ($(docker info --format '{{.Driver}}'))"
fi

say "kind cluster '$cluster'"
if kind get clusters 2>/dev/null | grep -qx "$cluster"; then
  echo "already exists"
else
  # From k8s/cluster/, so the config's relative extraMounts find the audit and admission files.
  (cd k8s/cluster && kind create cluster --config kind-cluster.yaml --wait 180s)
fi
kubectl config use-context "$context" >/dev/null

say "Envoy Gateway $envoy_gateway_version and the Gateway API CRDs (standard channel)"
# The CRDs from Envoy Gateway's own CRD chart, standard channel, then the controller without its
# bundled (experimental) copy of them: the install its docs give for managing CRDs separately.
helm template eg-crds oci://docker.io/envoyproxy/gateway-crds-helm --version "$envoy_gateway_version" \
  --set crds.gatewayAPI.enabled=true --set crds.gatewayAPI.channel=standard \
  --set crds.envoyGateway.enabled=true |
  kubectl apply --server-side --force-conflicts -f - >/dev/null
helm upgrade --install eg oci://docker.io/envoyproxy/gateway-helm --version "$envoy_gateway_version" \
  --namespace envoy-gateway-system --create-namespace --set crds.enabled=false \
  --wait --timeout 300s >/dev/null
kubectl -n envoy-gateway-system wait --for=condition=Available --timeout=300s deployment/envoy-gateway
# The class "eg" the kit's Gateway names, and a fixed, cluster-internal Service for its proxies.
kubectl apply -f k8s/cluster/envoy-gateway.yaml >/dev/null
kubectl wait --for=condition=Accepted --timeout=120s gatewayclass/eg

say "cert-manager $cert_manager_version"
# The release's static manifest, over verified HTTPS (no -k anywhere): CRDs, controller and webhook.
kubectl apply --server-side --force-conflicts \
  -f "https://github.com/cert-manager/cert-manager/releases/download/$cert_manager_version/cert-manager.yaml" >/dev/null
kubectl -n cert-manager wait --for condition=Available --timeout=180s deployment --all
# Available is not enough: the webhook refuses requests until its CA bundle is injected, and
# `skaffold dev` creates issuers right away. Wait as `cmctl check api` does: a server-side dry-run
# create of a cert-manager object, until the API accepts it.
echo "waiting for the cert-manager API"
for attempt in $(seq 1 60); do
  if kubectl create --dry-run=server -f - >/dev/null 2>&1 <<'PROBE'
apiVersion: cert-manager.io/v1
kind: Issuer
metadata:
  name: bulkhead-api-check
  namespace: cert-manager
spec:
  selfSigned: {}
PROBE
  then
    echo "the cert-manager API answers"
    break
  fi
  [ "$attempt" -lt 60 ] || { echo "kind-up: the cert-manager API did not answer in 120 s" >&2; exit 1; }
  sleep 2
done

say "trust-manager $trust_manager_version"
helm upgrade --install trust-manager oci://quay.io/jetstack/charts/trust-manager \
  --version "$trust_manager_version" --namespace cert-manager \
  --set defaultPackage.enabled=false --wait --timeout 180s >/dev/null
echo "ready"

say "dev secrets for the kind overlay"
scripts/kind-secrets.sh

cat <<'DONE'

The cluster is ready. Next:

  skaffold dev     # build, deploy k8s/overlays/kind, forward the edge to localhost:8443

k8s/README.md shows how to call the system through the edge with the cluster's CA.
Remove everything with scripts/kind-down.sh.
DONE
