#!/usr/bin/env bash
# Loads local images into the workshop cluster's node: `scripts/kind-load.sh IMAGE...`.
# `kind load docker-image` saves every platform an image lists; with Docker's containerd image
# store (the default since Docker 29) the blobs of other platforms are missing and the node's
# import fails with "content digest ... not found" (kubernetes-sigs/kind#3795). Then this saves
# only the node's own platform and loads that archive, which works with both image stores.
set -euo pipefail

cluster=${KIND_CLUSTER:-bulkhead}
[ "$#" -gt 0 ] || { echo "usage: scripts/kind-load.sh IMAGE..." >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

node_platform() {
  local arch
  arch=$(docker exec "$cluster-control-plane" uname -m)
  case "$arch" in
    x86_64) echo linux/amd64 ;;
    aarch64 | arm64) echo linux/arm64 ;;
    *) echo "kind-load: unknown node architecture '$arch'" >&2; return 1 ;;
  esac
}

for image in "$@"; do
  if kind load docker-image --name "$cluster" "$image" 2>"$work/error"; then
    echo "loaded $image (kind load docker-image)"
    continue
  fi
  echo "kind load docker-image $image failed: $(tail -n 1 "$work/error")" >&2
  platform=${platform:-$(node_platform)}
  docker save --platform "$platform" --output "$work/image.tar" "$image"
  kind load image-archive --name "$cluster" "$work/image.tar"
  echo "loaded $image (docker save --platform $platform, then kind load image-archive)"
done
