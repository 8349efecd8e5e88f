#!/usr/bin/env bash
# GPU check of the ONNX runtime (a few minutes at most): builds a model with
# minima's ONNX writer, evaluates it on cpu, webgpu and cuda, checks that
# the outputs agree and prints rows/s for each; a provider that does not
# load is printed with onnxruntime's reason. Exit status 1 when cpu fails or
# a provider disagrees with cpu. Sizes: GPU_CHECK_ROWS (65536),
# GPU_CHECK_REPEATS (5), GPU_CHECK_SINGLES (2048).
set -euo pipefail
cd "$(dirname "$0")/.."
export DENO_TLS_CA_STORE=system NO_COLOR=1
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
fi
exec node_modules/.bin/deno run --allow-all scripts/gpu_check.ts
