#!/usr/bin/env bash
# Proves on a live kind cluster (after scripts/kind-up.sh and a deploy of k8s/overlays/kind) what
# only a cluster can show. Each step prints what it proves; the first that does not hold fails the
# run. Every negative check has a positive control beside it, so a broken probe fails too.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
forward=
cleanup() {
  [ -z "$forward" ] || kill "$forward" 2>/dev/null || true
  kubectl delete namespace bulkhead-e2e-probe --ignore-not-found --wait=false >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
pass() { printf 'ok   %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*" >&2; exit 1; }
condition() { # KIND/NAME JSONPATH-TO-CONDITIONS TYPE: waits until that condition is True
  kubectl -n bulkhead-gateway wait "$1" --timeout=180s \
    --for=jsonpath="{$2[?(@.type==\"$3\")].status}"=True >/dev/null ||
    fail "$1: $3 is not True: $(kubectl -n bulkhead-gateway get "$1" -o jsonpath="{$2}")"
}

# 0. What this run stands on.
store=$(docker info --format '{{json .DriverStatus}}' | grep -q 'io.containerd.snapshotter' && echo containerd || echo classic)
pass "Docker $(docker version --format '{{.Server.Version}}'), image store: $store"

# 1. Envoy Gateway accepts the class. Envoy Gateway (v1.9) leaves status.supportedFeatures empty on
# purpose (internal/gatewayapi/status/gatewayclass.go), so when the list is there it must name what
# the kit uses, and either way each feature is proved by its own object's status below.
kubectl wait --for=condition=Accepted --timeout=120s gatewayclass/eg >/dev/null ||
  fail "GatewayClass eg is not Accepted"
features=$(kubectl get gatewayclass eg -o jsonpath='{.status.supportedFeatures[*].name}')
if [ -n "$features" ]; then
  for feature in Gateway HTTPRoute BackendTLSPolicy; do
    grep -qw "$feature" <<<"$features" || fail "GatewayClass eg does not list $feature: $features"
  done
  pass "GatewayClass eg is Accepted and lists Gateway, HTTPRoute, BackendTLSPolicy"
else
  pass "GatewayClass eg is Accepted (it publishes no supportedFeatures; the objects below prove each)"
fi

# 2. The Gateway's HTTPS listener holds its certificate and is programmed: the listener's own
# conditions, because the Gateway can be Programmed before its listener has the Secret.
condition gateway/edge '.status.listeners[?(@.name=="https")].conditions' ResolvedRefs
condition gateway/edge '.status.listeners[?(@.name=="https")].conditions' Programmed
pass "the edge listener resolved edge-tls and is programmed"

# 3. The route and the re-encryption to the pod are accepted with every reference resolved.
condition httproute/gateway '.status.parents[0].conditions' Accepted
condition httproute/gateway '.status.parents[0].conditions' ResolvedRefs
condition backendtlspolicy/gateway '.status.ancestors[0].conditions' Accepted
condition backendtlspolicy/gateway '.status.ancestors[0].conditions' ResolvedRefs
pass "HTTPRoute gateway and BackendTLSPolicy gateway are Accepted, the CA ConfigMap resolved"

# 4. A token and a note through the edge, TLS verified end to end: trust exactly the cluster's CA
# (never -k), through the same port-forward `skaffold dev` opens.
kubectl -n cert-manager get secret bulkhead-internal-ca -o jsonpath='{.data.ca\.crt}' | base64 -d >"$work/ca.crt"
kubectl -n envoy-gateway-system port-forward service/bulkhead-edge 8443:443 >"$work/forward.log" 2>&1 &
forward=$!
base=https://bulkhead.test:8443
edge_curl() {
  curl --silent --show-error --fail-with-body --cacert "$work/ca.crt" \
    --resolve bulkhead.test:8443:127.0.0.1 "$@"
}
for attempt in $(seq 1 30); do
  grep -q 'Forwarding from' "$work/forward.log" && break
  [ "$attempt" -lt 30 ] || fail "the port-forward to the edge did not start: $(cat "$work/forward.log")"
  sleep 1
done
# shellcheck source=/dev/null
. .dev/demo-client.txt # CLIENT_ID and CLIENT_SECRET, written by npm run dev-pki
token=$(edge_curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials "$base/v1/token" |
  node -e 'process.stdin.on("data", (d) => process.stdout.write(JSON.parse(d).access_token))')
edge_curl -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"title":"from kind","body":"through the Gateway","tags":["e2e"]}' "$base/v1/notes" >"$work/note.json"
grep -q '"from kind"' "$work/note.json" || fail "creating a note through the edge: $(cat "$work/note.json")"
pass "token and note through the edge (Envoy, BackendTLSPolicy, gateway, mTLS) with the cluster CA"

# 5. Admission rejects a pod that breaks the restricted profile in an app namespace, and admits
# the same pod made compliant (the control: the request itself is fine).
run_pod() { # NAMESPACE NAME SECURITY-CONTEXT-JSON
  kubectl -n "$1" run "$2" --image=busybox:1.37 --restart=Never --dry-run=server -o name \
    --overrides='{"spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":1000,"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"c","image":"busybox:1.37","securityContext":'"$3"'}]}}'
}
if run_pod bulkhead-notes privileged '{"privileged":true}' 2>"$work/admission.txt"; then
  fail "a privileged pod was admitted into bulkhead-notes"
fi
grep -q 'violates PodSecurity "restricted' "$work/admission.txt" || fail "unexpected admission error: $(cat "$work/admission.txt")"
run_pod bulkhead-notes compliant '{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}' >/dev/null ||
  fail "a compliant pod was refused: the admission check is broken"
pass "Pod Security Admission refuses a privileged pod in bulkhead-notes and admits a compliant one"

# 6. NetworkPolicy. One probe everywhere: a TCP connect from Node.js (the gateway image), which
# prints "connected", "timeout" or the error code. Denied means "timeout" or refused by the
# network; a name that does not resolve is a broken probe, never a pass.
probe_js='const s=require("net").connect(+process.argv[2],process.argv[1]);s.setTimeout(5000);s.on("connect",()=>{console.log("connected");process.exit(0)});s.on("timeout",()=>{console.log("timeout");process.exit(1)});s.on("error",(e)=>{console.log(e.code);process.exit(1)})'
image=$(kubectl -n bulkhead-gateway get deployment gateway -o jsonpath='{.spec.template.spec.containers[0].image}')
kubectl create namespace bulkhead-e2e-probe --dry-run=client -o yaml | kubectl apply -f - >/dev/null
probe_from_elsewhere() { # HOST PORT: from a pod in a namespace without policies
  kubectl -n bulkhead-e2e-probe run "probe-$RANDOM" --rm -i --restart=Never --quiet --image="$image" \
    --overrides='{"spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":1000,"seccompProfile":{"type":"RuntimeDefault"}}}}' \
    -- -e "$probe_js" "$1" "$2" 2>>"$work/probe.err" | tail -n 1 || true
}
probe_from() { # NAMESPACE DEPLOYMENT HOST PORT: from inside a running app pod
  kubectl -n "$1" exec "deploy/$2" -- node -e "$probe_js" "$3" "$4" 2>>"$work/probe.err" | tail -n 1 || true
}
denied() { [ "$1" = timeout ] || [ "$1" = ECONNREFUSED ] || [ "$1" = EHOSTUNREACH ]; }

outcome=$(probe_from bulkhead-gateway gateway notes.bulkhead-notes.svc 8443)
[ "$outcome" = connected ] || fail "control: gateway could not connect to notes ($outcome): the probe is broken: $(tail -n 3 "$work/probe.err")"
outcome=$(probe_from_elsewhere notes.bulkhead-notes.svc 8443)
denied "$outcome" || fail "a pod in another namespace connecting to notes got '$outcome', not a denial"
pass "a pod in another namespace cannot connect to notes ($outcome); gateway can (control)"

outcome=$(probe_from bulkhead-notes notes auth.bulkhead-auth.svc 8443)
[ "$outcome" = connected ] || fail "control: notes could not connect to auth ($outcome): the probe is broken: $(tail -n 3 "$work/probe.err")"
outcome=$(probe_from_elsewhere example.com 443)
[ "$outcome" = connected ] || fail "control: a pod without policies could not reach example.com:443 ($outcome): $(tail -n 3 "$work/probe.err")"
outcome=$(probe_from bulkhead-notes notes example.com 443)
denied "$outcome" || fail "notes connecting to example.com:443 got '$outcome', not a denial"
pass "notes cannot reach the internet ($outcome); it reaches auth, and an unfenced pod the internet (controls)"

# 7. The API server writes the audit log, Secrets included.
docker exec bulkhead-control-plane test -s /var/log/kubernetes/audit/audit.log || fail "the audit log is empty"
docker exec bulkhead-control-plane grep -q '"resource":"secrets"' /var/log/kubernetes/audit/audit.log ||
  fail "the audit log has no entry for secrets"
pass "the audit log records API requests, secrets included"

# 8. Rolling restarts under a steady load through the edge lose no request.
node scripts/steady-load.ts "$base/v1/notes" "$token" "$work/ca.crt" 127.0.0.1 >"$work/load.txt" &
load=$!
kubectl -n bulkhead-gateway rollout restart deployment/gateway >/dev/null
kubectl -n bulkhead-gateway rollout status deployment/gateway --timeout=180s >/dev/null
kubectl -n bulkhead-notes rollout restart deployment/notes >/dev/null
kubectl -n bulkhead-notes rollout status deployment/notes --timeout=180s >/dev/null
kill -INT "$load"
wait "$load" || fail "requests were lost during the restarts: $(cat "$work/load.txt")"
pass "rollout restart of gateway and notes under load through the edge: $(cat "$work/load.txt")"
