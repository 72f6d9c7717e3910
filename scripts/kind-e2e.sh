#!/usr/bin/env bash
# Proves on a live kind cluster (after scripts/kind-up.sh and `skaffold run -p kind`) what only a
# cluster can show. Exits non-zero at the first property that does not hold.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass() { printf 'ok   %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*" >&2; exit 1; }

# The public certificate comes from the cluster's internal CA: trust exactly that, never -k.
kubectl -n cert-manager get secret bulkhead-internal-ca -o jsonpath='{.data.ca\.crt}' | base64 -d > "$work/ca.crt"
kubectl -n bulkhead-gateway wait --for=condition=Programmed --timeout=120s gateway/edge
address=$(kubectl -n bulkhead-gateway get gateway edge -o jsonpath='{.status.addresses[0].value}')
base=https://bulkhead.test
edge_curl() { curl --silent --show-error --fail-with-body --cacert "$work/ca.crt" --resolve "bulkhead.test:443:$address" "$@"; }

# 1. A token and a note through the Gateway, TLS verified end to end.
# shellcheck source=/dev/null
. .dev/demo-client.txt # CLIENT_ID and CLIENT_SECRET, written by npm run dev-pki
token=$(edge_curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials "$base/v1/token" |
  node -e 'process.stdin.on("data", (d) => process.stdout.write(JSON.parse(d).access_token))')
edge_curl -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"title":"from kind","body":"through the Gateway","tags":["e2e"]}' "$base/v1/notes" > "$work/note.json"
grep -q '"from kind"' "$work/note.json" || fail "creating a note through the Gateway"
pass "token and note through the Gateway with the cluster CA"

# 2. Admission rejects a pod that breaks the restricted profile in an app namespace.
if kubectl -n bulkhead-notes run privileged --image=busybox:1.37 --restart=Never \
  --overrides='{"spec":{"containers":[{"name":"privileged","image":"busybox:1.37","securityContext":{"privileged":true}}]}}' \
  2> "$work/admission.txt"; then
  kubectl -n bulkhead-notes delete pod privileged --wait=false
  fail "a privileged pod was admitted into bulkhead-notes"
fi
grep -q 'violates PodSecurity "restricted' "$work/admission.txt" || fail "unexpected admission error: $(cat "$work/admission.txt")"
pass "a privileged pod is rejected by Pod Security Admission"

# 3. A pod in another namespace cannot reach notes (default deny + the allow-list).
kubectl create namespace bulkhead-e2e-probe --dry-run=client -o yaml | kubectl apply -f - >/dev/null
probe() {
  kubectl -n "$1" run "probe-$RANDOM" --rm -i --restart=Never --quiet --image=curlimages/curl:8.17.0 \
    --overrides='{"spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":100,"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"probe","image":"curlimages/curl:8.17.0","args":["--silent","--insecure","--max-time","5","'"$2"'"],"securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}]}}'
}
if probe bulkhead-e2e-probe https://notes.bulkhead-notes.svc:8443/v1/notes >/dev/null 2>&1; then
  fail "a pod in another namespace reached notes"
fi
pass "a pod in another namespace cannot connect to notes"

# 4. notes cannot reach the internet (egress allows DNS and auth only).
if kubectl -n bulkhead-notes exec deploy/notes -- node -e \
  'fetch("https://example.com", { signal: AbortSignal.timeout(5000) }).then(() => process.exit(0), () => process.exit(1))'; then
  fail "notes reached the internet"
fi
pass "notes cannot reach the internet"

# 5. The API server writes the audit log.
docker exec bulkhead-control-plane test -s /var/log/kubernetes/audit/audit.log || fail "the audit log is empty"
docker exec bulkhead-control-plane grep -q '"resource":"secrets"' /var/log/kubernetes/audit/audit.log ||
  fail "the audit log has no entry for secrets"
pass "the audit log records API requests, secrets included"

# 6. Rolling restarts under a steady load lose no request.
node scripts/steady-load.ts "$base/v1/notes" "$token" "$work/ca.crt" "$address" > "$work/load.txt" &
load=$!
kubectl -n bulkhead-gateway rollout restart deployment/gateway
kubectl -n bulkhead-gateway rollout status deployment/gateway --timeout=180s
kubectl -n bulkhead-notes rollout restart deployment/notes
kubectl -n bulkhead-notes rollout status deployment/notes --timeout=180s
kill -INT "$load"
wait "$load" || fail "requests were lost during the restarts: $(cat "$work/load.txt")"
pass "rollout restart of gateway and notes under load: $(cat "$work/load.txt")"
