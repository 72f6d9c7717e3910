#!/usr/bin/env bash
# Removes what scripts/kind-up.sh made: the kind cluster, and with it everything installed in it.
# The dev secrets in .dev/ stay (npm start and compose use them too). Safe to run again.
set -euo pipefail

cluster=bulkhead

if command -v kind >/dev/null 2>&1 && kind get clusters 2>/dev/null | grep -qx "$cluster"; then
  kind delete cluster --name "$cluster"
else
  echo "kind cluster '$cluster' does not exist"
fi
echo "done"
