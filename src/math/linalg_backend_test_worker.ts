/**
 * A Worker for linalg_backend_test.ts: reports which backend a Worker picks,
 * and factors and solves one problem many times with the thread-safe
 * OpenBLAS backend so that two such Workers run it at the same time.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { linalgBackendName, openblasBackend } from "./linalg_backend.ts";
import { Rng } from "./rng.ts";

/** What the test asks. */
export type ProbeRequest =
  | { op: "name" }
  | { op: "repeat"; seed: number; n: number; m: number; repeats: number };

/** Repeats of one factor + solve; each must equal the first bit for bit. */
function repeat(request: Extract<ProbeRequest, { op: "repeat" }>) {
  const backend = openblasBackend({ threadSafeOnly: true }).backend;
  if (!backend) return { error: "no thread-safe OpenBLAS in this Worker" };
  const { n, m } = request;
  const rng = Rng.fromSeed(request.seed);
  const a = new Float64Array(n * n); // exp(−|i − j|/8) + 0.1·I, SPD
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      a[i * n + j] = a[j * n + i] = Math.exp(-Math.abs(i - j) / 8) + (i === j ? 0.1 : 0);
    }
  }
  const b = Float64Array.from({ length: n * m }, () => rng.normal());
  const l = new Float64Array(n * n);
  const x = new Float64Array(n * m);
  let first: Float64Array | undefined;
  let mismatches = 0;
  for (let r = 0; r < request.repeats; r++) {
    backend.cholesky(a, n, 0, l);
    x.set(b);
    backend.solveLower(l, n, x, m);
    if (!first) first = x.slice();
    else if (x.some((v, i) => v !== first![i])) mismatches++;
  }
  return { mismatches, checksum: first!.reduce((s, v) => s + v, 0) };
}

self.onmessage = (event: MessageEvent<ProbeRequest>) => {
  const request = event.data;
  self.postMessage(request.op === "name" ? linalgBackendName() : repeat(request));
};
