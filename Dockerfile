# syntax=docker/dockerfile:1
#
# Production image for minima.
#
# NOTE: no Docker engine runs where this file was written, so it has NOT been
# built; it was checked by reading only (the steps it runs were tried by hand
# on Debian 12 with Node 20: extracting the deno binary, `deno cache`,
# `npm prune --omit=dev`, running the service from a root-owned /app as
# uid 10001, and the healthcheck command).
#
#   docker build -t minima .
#   docker run -p 8080:8080 -v minima-data:/var/lib/minima minima
#
# GPU hosts (ONNX models evaluated through onnxruntime's CUDA execution
# provider; see docs/models.md):
#
#   docker build --target gpu -t minima:gpu .
#   docker run --gpus all -p 8080:8080 -v minima-data:/var/lib/minima minima:gpu

############################################################################
# Build stage: install dependencies (deno included), cache the module graph.
############################################################################
FROM node:20-bookworm-slim AS build

WORKDIR /app
ENV DENO_DIR=/opt/deno-dir \
    DENO_NO_UPDATE_CHECK=1 \
    NO_COLOR=1

COPY package.json package-lock.json ./
# The postinstall step patches postgres.js (scripts/patch_postgres.mjs says why).
COPY scripts/patch_postgres.mjs ./scripts/

# Full `npm ci` (not --omit=dev): deno 2.9.6 itself is a devDependency.
# ONNXRUNTIME_NODE_INSTALL is deliberately NOT set to "skip" here: the
# onnxruntime-node install script downloads its CUDA provider libraries
# (linux/x64). Some npm versions hold back install scripts of dependencies,
# so the script is also run directly; it is idempotent (it exits at once when
# the files are already there) and fails the build if the download fails.
RUN npm ci --no-audit --no-fund \
 && (cd node_modules/onnxruntime-node && node ./script/install)

# Copy out the real deno binary (pinned to the version in package-lock.json).
# Deno.execPath() gives the native executable whether or not deno's own
# postinstall script ran (node_modules/.bin/deno may be a JS shim).
RUN cp "$(node_modules/.bin/deno eval 'console.log(Deno.execPath())')" /usr/local/bin/deno \
 && chmod 0755 /usr/local/bin/deno \
 && deno --version \
 && deno --version | grep -q '^deno 2\.9\.6 '

# deno.loc[k] (a glob next to a real file): copies deno.lock when the
# project has one and nothing otherwise.
COPY deno.json deno.loc[k] ./
COPY src/ ./src/
COPY migrations/ ./migrations/

# Resolve/fetch the module graph into DENO_DIR, then drop devDependencies
# (deno, drizzle-kit, esbuild...) from node_modules.
RUN deno cache src/main.ts \
 && npm prune --omit=dev --no-audit --no-fund

############################################################################
# GPU runtime: CUDA 12 + cuDNN 9 (what onnxruntime-node 1.30's CUDA execution
# provider links against) on Ubuntu 24.04 (its glibc runs the deno binary
# copied from the Debian 12 build stage), the provider libraries the build stage's install
# script downloaded (bin/napi-v6/linux/x64/libonnxruntime_providers_{shared,
# cuda}.so), and MINIMA_ONNX_PROVIDERS=cuda,cpu: the CPU provider takes over,
# with the reason logged once, when the host has no usable GPU.
#   docker build --target gpu -t minima:gpu .
############################################################################
FROM nvidia/cuda:12.6.3-cudnn-runtime-ubuntu24.04 AS gpu

RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libstdc++6 libopenblas0-pthread \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 minima \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/minima \
      --no-create-home --shell /usr/sbin/nologin minima \
 && mkdir -p /var/lib/minima \
 && chown minima:minima /var/lib/minima \
 && chmod 0750 /var/lib/minima

ENV DENO_DIR=/opt/deno-dir \
    DENO_NO_UPDATE_CHECK=1 \
    DENO_TLS_CA_STORE=system \
    MINIMA_DATA_DIR=/var/lib/minima \
    MINIMA_ONNX_PROVIDERS=cuda,cpu \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    PORT=8080

WORKDIR /app

COPY --from=build /usr/local/bin/deno /usr/local/bin/deno
COPY --from=build --chown=10001:10001 /opt/deno-dir /opt/deno-dir
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/deno.json /app/deno.loc[k] ./
COPY --from=build /app/src ./src
COPY --from=build /app/migrations ./migrations

# The CUDA provider must be there: a GPU image without it would silently run on the CPU.
RUN test -f node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so \
 && test -f node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_shared.so

EXPOSE 8080
USER minima

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["deno", "eval", "const r = await fetch('http://127.0.0.1:' + (Deno.env.get('PORT') || '8080') + '/healthz').catch(() => null); Deno.exit(r && r.ok ? 0 : 1)"]

CMD ["deno", "run", "--allow-all", "src/main.ts"]

############################################################################
# Runtime stage (the default target: the last stage), CPU only
############################################################################
FROM debian:bookworm-slim AS runtime

# ca-certificates: TLS (DENO_TLS_CA_STORE=system); libstdc++6: onnxruntime;
# libopenblas0-pthread: gp-bo's linear algebra through FFI (MINIMA_LINALG=auto picks it).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libstdc++6 libopenblas0-pthread \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 minima \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/minima \
      --no-create-home --shell /usr/sbin/nologin minima \
 && mkdir -p /var/lib/minima \
 && chown minima:minima /var/lib/minima \
 && chmod 0750 /var/lib/minima

ENV DENO_DIR=/opt/deno-dir \
    DENO_NO_UPDATE_CHECK=1 \
    DENO_TLS_CA_STORE=system \
    MINIMA_DATA_DIR=/var/lib/minima \
    PORT=8080

WORKDIR /app

COPY --from=build /usr/local/bin/deno /usr/local/bin/deno
# DENO_DIR must stay writable by the service user (deno keeps caches there).
COPY --from=build --chown=10001:10001 /opt/deno-dir /opt/deno-dir
# The application itself is owned by root: read-only for the service.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/deno.json /app/deno.loc[k] ./
COPY --from=build /app/src ./src
COPY --from=build /app/migrations ./migrations

EXPOSE 8080
USER minima

# No curl in debian slim: probe /healthz with deno's fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["deno", "eval", "const r = await fetch('http://127.0.0.1:' + (Deno.env.get('PORT') || '8080') + '/healthz').catch(() => null); Deno.exit(r && r.ok ? 0 : 1)"]

# Same as `deno task start` (deno run -A src/main.ts); migrations are applied
# by the service at start.
CMD ["deno", "run", "--allow-all", "src/main.ts"]
