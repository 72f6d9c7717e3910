# One image per service, built from this one file:
#   docker build --build-arg SERVICE=notes -t notes .
# NODE_IMAGE takes a pinned digest or a registry mirror (renovate.json keeps the digest current):
#   --build-arg NODE_IMAGE=node:24-alpine@sha256:...
ARG NODE_IMAGE=node:24-alpine

# Only the package manifests, so the dependency layers below are rebuilt when dependencies change,
# not when code does.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json -exec rm -f {} + \
  && find . -depth -type d -empty -exec rmdir {} \;

# Every dependency, dev ones included, to compile TypeScript. No install scripts run.
FROM ${NODE_IMAGE} AS install
WORKDIR /app
COPY --from=manifests /app ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund

FROM install AS build
ARG SERVICE
WORKDIR /app
COPY tsconfig.base.json ./
COPY packages/platform packages/platform
COPY services/${SERVICE} services/${SERVICE}
RUN test -n "${SERVICE}" || { echo "build with --build-arg SERVICE=<gateway|auth|notes>" >&2; exit 1; } \
  && npm run build -w packages/platform -w "services/${SERVICE}"

# The production dependencies of this one service, and nothing else. Only its workspace and the
# platform's are present: with every workspace, npm would keep what another one needs at run time
# (dev-pki's x509 library) even though this service uses it only in tests.
FROM ${NODE_IMAGE} AS production-dependencies
ARG SERVICE
WORKDIR /app
COPY --from=manifests /app/package.json /app/package-lock.json ./
COPY --from=manifests /app/packages/platform/package.json packages/platform/
COPY --from=manifests /app/services/${SERVICE}/package.json services/${SERVICE}/
RUN --mount=type=cache,target=/root/.npm \
  npm ci --omit=dev --ignore-scripts --no-audit --no-fund --workspace "services/${SERVICE}"

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG SOURCE=https://github.com/bulkhead-dev/bulkhead
LABEL org.opencontainers.image.title="bulkhead-${SERVICE}" \
  org.opencontainers.image.source="${SOURCE}" \
  org.opencontainers.image.revision="${REVISION}" \
  org.opencontainers.image.version="${VERSION}" \
  org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production
# Nothing installs packages at run time: the package managers go, so an attacker cannot use them.
# And an empty data directory owned by the app user: a named volume mounted there starts with its
# owner (notes keeps its database in one).
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx \
  /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-* \
  && mkdir -p "/var/lib/${SERVICE}" && chown 1000:1000 "/var/lib/${SERVICE}"
WORKDIR /app
# Owned by root and read-only to the app user: the process cannot change its own code. The whole
# tree of the dependency stage: npm nests a workspace's dependency under the workspace
# (packages/platform/node_modules) when another version sits at the root.
COPY --from=production-dependencies /app ./
COPY --from=build /app/packages/platform/dist packages/platform/dist
COPY --from=build /app/services/${SERVICE}/dist services/${SERVICE}/dist
WORKDIR /app/services/${SERVICE}
USER 1000:1000
EXPOSE 8443 9090
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "/app/packages/platform/dist/healthcheck.js"]
# node directly, as PID 1's child under `init: true` or as PID 1 itself: it handles SIGTERM.
ENTRYPOINT ["node", "--enable-source-maps", "dist/main.js"]
