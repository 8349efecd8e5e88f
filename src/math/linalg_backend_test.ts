import assert from "node:assert/strict";
import { Rng } from "./rng.ts";
import { choleskyWithJitter } from "./linalg.ts";
import {
  type LinalgBackend,
  linalgBackend,
  linalgBackendName,
  openblasBackend,
  parseLinalgChoice,
  selectLinalgBackend,
  typescriptBackend,
} from "./linalg_backend.ts";
import type { ProbeRequest } from "./linalg_backend_test_worker.ts";

/** A random SPD matrix MᵀM/n + c·I (n×n), M standard normal: condition ~ (1 + 4/c)². */
function randomSpd(rng: Rng, n: number, c = 0.5): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) m[i] = rng.normal();
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += m[k * n + i] * m[k * n + j];
      a[i * n + j] = a[j * n + i] = s / n + (i === j ? c : 0);
    }
  }
  return a;
}

function randomVector(rng: Rng, length: number): Float64Array {
  return Float64Array.from({ length }, () => rng.normal());
}

/** max |a − b| / max(1, max |b|) over the first `count` entries. */
function relErr(a: Float64Array, b: Float64Array, count = b.length): number {
  let err = 0;
  let scale = 1;
  for (let i = 0; i < count; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

/** The lower triangle (diagonal included) of an n×n matrix, as a packed array. */
function lowerOf(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array((n * (n + 1)) / 2);
  let p = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) out[p++] = a[i * n + j];
  return out;
}

/** C = A·B for A (n×p), B (p×m), row-major. */
function matMul(a: Float64Array, b: Float64Array, n: number, p: number, m: number): Float64Array {
  const c = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < p; k++) {
      const aik = a[i * p + k];
      for (let j = 0; j < m; j++) c[i * m + j] += aik * b[k * m + j];
    }
  }
  return c;
}

function transpose(a: Float64Array, n: number, m: number): Float64Array {
  const t = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) t[j * n + i] = a[i * m + j];
  return t;
}

const openblas = openblasBackend();
const SKIP = openblas.backend
  ? ""
  : ` (SKIPPED: OpenBLAS cannot be loaded: ${openblas.reason}; on Debian: apt-get install -y ` +
    `libopenblas0-pthread)`;
const SIZES = [1, 2, 3, 5, 17, 64, 129, 300];
const COLUMNS = [1, 2, 7, 128, 300];

Deno.test("typescript backend: factor, solves and inverse are right on random SPD matrices", () => {
  const rng = Rng.fromSeed(11);
  const be = typescriptBackend;
  for (const n of [1, 2, 5, 33, 80]) {
    const a = randomSpd(rng, n);
    const l = new Float64Array(n * n).fill(9);
    assert.ok(be.cholesky(a, n, 0.5, l));
    const shifted = a.slice();
    for (let i = 0; i < n; i++) shifted[i * n + i] += 0.5;
    assert.ok(relErr(matMul(l, transpose(l, n, n), n, n, n), shifted) < 1e-13, `LLᵀ, n = ${n}`);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) assert.equal(l[i * n + j], 0);
    for (const m of [1, 3, 130]) {
      const b = randomVector(rng, n * m);
      const x = b.slice();
      be.solveLower(l, n, x, m);
      assert.ok(relErr(matMul(l, x, n, n, m), b) < 1e-12, `L·X = B, n = ${n}, m = ${m}`);
      const y = b.slice();
      be.solveLowerTransposed(l, n, y, m);
      assert.ok(relErr(matMul(transpose(l, n, n), y, n, n, m), b) < 1e-12, `Lᵀ·X = B`);
    }
    const inverse = new Float64Array(n * n);
    be.choleskyInverseLower(l, n, inverse);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) inverse[i * n + j] = inverse[j * n + i];
    }
    const id = new Float64Array(n * n);
    for (let i = 0; i < n; i++) id[i * n + i] = 1;
    assert.ok(relErr(matMul(shifted, inverse, n, n, n), id) < 1e-11, `A·A⁻¹ = I, n = ${n}`);
  }
});

Deno.test("typescript backend: choleskyFrom resumes bit for bit, and the factor works in place", () => {
  const rng = Rng.fromSeed(12);
  const n = 40;
  const a = randomSpd(rng, n);
  const full = new Float64Array(n * n);
  assert.ok(typescriptBackend.cholesky(a, n, 0, full));
  const inPlace = a.slice();
  assert.ok(typescriptBackend.cholesky(inPlace, n, 0, inPlace));
  assert.deepEqual(inPlace, full);
  for (const from of [0, 1, 17, 39, 40]) {
    const resumed = a.slice();
    resumed.set(full.subarray(0, from * n));
    assert.ok(typescriptBackend.choleskyFrom!(resumed, n, from));
    assert.deepEqual(resumed, full, `from ${from}`);
  }
});

Deno.test(`openblas and typescript agree to 1e-10 on every operation${SKIP}`, {
  ignore: !openblas.backend,
}, () => {
  const ob = openblas.backend!;
  const ts = typescriptBackend;
  const rng = Rng.fromSeed(13);
  for (const n of SIZES) {
    const a = randomSpd(rng, n);
    for (const shift of [0, 1e-3]) {
      const lo = new Float64Array(n * n).fill(5);
      const lt = new Float64Array(n * n).fill(-5);
      assert.ok(ob.cholesky(a, n, shift, lo));
      assert.ok(ts.cholesky(a, n, shift, lt));
      assert.ok(relErr(lo, lt) < 1e-10, `cholesky n = ${n}: ${relErr(lo, lt)}`);
      // In place, and the strict upper part zeroed as the interface says.
      const inPlace = a.slice();
      assert.ok(ob.cholesky(inPlace, n, shift, inPlace));
      assert.deepEqual(inPlace, lo);
    }
    const l = new Float64Array(n * n);
    ts.cholesky(a, n, 0, l);
    for (const m of COLUMNS) {
      const b = randomVector(rng, n * m);
      for (const op of ["solveLower", "solveLowerTransposed"] as const) {
        const xo = b.slice();
        const xt = b.slice();
        ob[op](l, n, xo, m);
        ts[op](l, n, xt, m);
        assert.ok(relErr(xo, xt) < 1e-10, `${op} n = ${n}, m = ${m}: ${relErr(xo, xt)}`);
      }
    }
    const io = new Float64Array(n * n);
    const it = new Float64Array(n * n);
    ob.choleskyInverseLower(l, n, io);
    ts.choleskyInverseLower(l, n, it);
    const err = relErr(lowerOf(io, n), lowerOf(it, n));
    assert.ok(err < 1e-10, `inverse n = ${n}: ${err}`);
  }
});

Deno.test(`openblas: views with an offset, longer buffers, size 0 and jitter${SKIP}`, {
  ignore: !openblas.backend,
}, () => {
  const ob = openblas.backend!;
  const rng = Rng.fromSeed(14);
  const n = 9;
  const m = 4;
  const a = randomSpd(rng, n);
  const l = new Float64Array(n * n);
  typescriptBackend.cholesky(a, n, 0, l);
  // Right-hand sides inside a bigger buffer, at an offset, followed by other data.
  const store = randomVector(rng, 3 + n * m + 5);
  const before = store.slice();
  const view = store.subarray(3);
  ob.solveLower(l, n, view, m);
  const want = before.slice(3, 3 + n * m);
  typescriptBackend.solveLower(l, n, want, m);
  assert.ok(relErr(store.subarray(3, 3 + n * m), want) < 1e-12);
  assert.deepEqual(store.subarray(0, 3), before.subarray(0, 3));
  assert.deepEqual(store.subarray(3 + n * m), before.subarray(3 + n * m));
  // Size 0 does nothing and succeeds.
  const empty = new Float64Array(0);
  assert.ok(ob.cholesky(empty, 0, 0, empty));
  ob.solveLower(empty, 0, empty, 1);
  ob.choleskyInverseLower(empty, 0, new Float64Array(0));
  // The jitter schedule with the OpenBLAS factorisation: ones(n, n) needs jitter.
  const ones = new Float64Array(25).fill(1);
  const factorize = (x: Float64Array, k: number, s: number, o: Float64Array) =>
    ob.cholesky(x, k, s, o);
  const viaBlas = choleskyWithJitter(ones, 5, { factorize });
  const viaTs = choleskyWithJitter(ones, 5);
  assert.equal(viaBlas.jitter, viaTs.jitter);
  assert.ok(viaBlas.jitter > 0);
  assert.ok(relErr(viaBlas.factor, viaTs.factor) < 1e-10);
});

Deno.test(`both backends refuse indefinite, singular, NaN and infinite matrices${SKIP}`, () => {
  const backends: LinalgBackend[] = [typescriptBackend];
  if (openblas.backend) backends.push(openblas.backend);
  for (const be of backends) {
    for (
      const [a, n] of [
        [[1, 2, 2, 1], 2],
        [[-1], 1],
        [new Array(9).fill(1), 3],
        [[1, NaN, NaN, 1], 2],
        [[NaN], 1],
        [[Infinity], 1],
        [[4, 0, 0, 0, NaN, 0, 0, 0, 1], 3],
      ] as [number[], number][]
    ) {
      const out = new Float64Array(n * n);
      assert.equal(be.cholesky(Float64Array.from(a), n, 0, out), false, `${be.name}: ${a}`);
    }
  }
});

Deno.test("MINIMA_LINALG values are parsed, and anything else is refused", () => {
  assert.equal(parseLinalgChoice("auto"), "auto");
  assert.equal(parseLinalgChoice(" OpenBLAS "), "openblas");
  assert.equal(parseLinalgChoice("typescript"), "typescript");
  assert.throws(() => parseLinalgChoice("wasm"), /auto, typescript or openblas/);
});

Deno.test("selectLinalgBackend switches the backend in use; auto prefers OpenBLAS", () => {
  const before = linalgBackend();
  try {
    assert.equal(selectLinalgBackend("typescript"), typescriptBackend);
    assert.equal(linalgBackendName(), "typescript");
    const auto = selectLinalgBackend("auto");
    const safe = openblasBackend({ threadSafeOnly: true });
    assert.equal(auto.name, safe.backend ? "openblas" : "typescript");
    assert.equal(linalgBackendName(), auto.name);
    if (openblas.backend) assert.equal(selectLinalgBackend("openblas").name, "openblas");
    else assert.throws(() => selectLinalgBackend("openblas"), /OpenBLAS backend unavailable/);
  } finally {
    selectLinalgBackend(before.name);
  }
});

/** Runs a snippet in a new Deno process with MINIMA_LINALG set; returns stdout or throws. */
async function runWith(value: string | undefined, permissions: string[]): Promise<string> {
  const module = new URL("./linalg_backend.ts", import.meta.url).href;
  const script = await Deno.makeTempFile({ suffix: ".ts" });
  try {
    await Deno.writeTextFile(
      script,
      `import { linalgBackendName } from "${module}"; console.log(linalgBackendName());`,
    );
    const env: Record<string, string> = {};
    if (value !== undefined) env.MINIMA_LINALG = value;
    const command = new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", "--no-config", ...permissions, script],
      env,
      stdout: "piped",
      stderr: "piped",
    });
    const { code, stdout, stderr } = await command.output();
    if (code !== 0) throw new Error(new TextDecoder().decode(stderr));
    return new TextDecoder().decode(stdout).trim();
  } finally {
    await Deno.remove(script);
  }
}

Deno.test("the MINIMA_LINALG environment variable picks the backend at start", async () => {
  const safe = openblasBackend({ threadSafeOnly: true });
  assert.equal(await runWith("typescript", ["--allow-all"]), "typescript");
  assert.equal(await runWith("auto", ["--allow-all"]), safe.backend ? "openblas" : "typescript");
  assert.equal(await runWith(undefined, ["--allow-all"]), safe.backend ? "openblas" : "typescript");
  await assert.rejects(runWith("bogus", ["--allow-all"]), /auto, typescript or openblas/);
  // Without the FFI permission, auto falls back silently and openblas says why it cannot.
  assert.equal(await runWith("auto", ["--allow-env", "--allow-read"]), "typescript");
  await assert.rejects(
    runWith("openblas", ["--allow-env", "--allow-read"]),
    /no FFI permission/,
  );
});

/** Starts the probe Worker (linalg_backend_test_worker.ts). */
function probeWorker(): Worker {
  return new Worker(new URL("./linalg_backend_test_worker.ts", import.meta.url).href, {
    type: "module",
  });
}

/** The Worker's answer to `request`. */
function ask<T>(worker: Worker, request: ProbeRequest): Promise<T> {
  const answer = new Promise<T>((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data as T);
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message));
    };
  });
  worker.postMessage(request);
  return answer;
}

Deno.test("Workers inherit FFI and pick the same backend as the main thread", async () => {
  const worker = probeWorker();
  try {
    const name = await ask<string>(worker, { op: "name" });
    const safe = openblasBackend({ threadSafeOnly: true });
    assert.equal(name, safe.backend ? "openblas" : "typescript");
  } finally {
    worker.terminate();
  }
});

Deno.test(`openblas: two Workers solving at once get exact, uncorrupted results${SKIP}`, {
  ignore: !openblasBackend({ threadSafeOnly: true }).backend,
}, async () => {
  // Each Worker factors and solves its problem many times; every repeat must equal its
  // first result exactly. (Two calls racing for an unlocked buffer, as in a sequential
  // build, would show as a difference; the window is small, so this is a smoke test.)
  const workers = [probeWorker(), probeWorker()];
  try {
    const results = await Promise.all(
      workers.map((w, i) =>
        ask<{ mismatches: number; checksum: number }>(w, {
          op: "repeat",
          seed: 1 + i,
          n: 200,
          m: 64,
          repeats: 80,
        })
      ),
    );
    for (const r of results) {
      assert.equal(r.mismatches, 0);
      assert.ok(Number.isFinite(r.checksum));
    }
  } finally {
    for (const w of workers) w.terminate();
  }
});

/** op(A)·op(B)·α + β·C by the definition, one dot product per entry, in the order l = 0..k−1. */
function gemmReference(
  ...[transA, transB, m, n, k, alpha, a, b, beta, c]: Parameters<LinalgBackend["gemm"]>
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) {
        s += a[transA ? l * m + i : i * k + l] * b[transB ? j * k + l : l * n + j];
      }
      out[i * n + j] = alpha * s + (beta === 0 ? 0 : beta * c[i * n + j]);
    }
  }
  return out;
}

/** [m, n, k] shapes: empty ones, vectors, and sizes across the TypeScript loop's blocks. */
const GEMM_SHAPES =
  "0,3,2 3,0,2 3,2,0 1,1,1 1,7,5 7,1,5 5,3,1 13,10,67 70,3,130 9,600,66 40,30,2000"
    .split(" ").map((shape) => shape.split(",").map(Number) as [number, number, number]);
const TRANSPOSES = [false, true].flatMap((tA) => [false, true].map((tB) => [tA, tB] as const));

Deno.test("typescript gemm equals the definition in every transpose case and shape", () => {
  const rng = Rng.fromSeed(15);
  for (const [m, n, k] of GEMM_SHAPES) {
    for (const [transA, transB] of TRANSPOSES) {
      for (const [alpha, beta] of [[1, 0], [-0.7, 1], [2.5, -0.25], [0, 3]]) {
        const a = randomVector(rng, m * k);
        const b = randomVector(rng, k * n);
        const c = randomVector(rng, m * n);
        const want = gemmReference(transA, transB, m, n, k, alpha, a, b, beta, c);
        typescriptBackend.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
        const err = relErr(c, want);
        assert.ok(err < 1e-13, `m ${m} n ${n} k ${k} tA ${transA} tB ${transB}: ${err}`);
      }
    }
  }
});

Deno.test("typescript gemm: β = 0 ignores NaN in C, α = 0 or k = 0 only scales C", () => {
  const a = Float64Array.of(1, 2, 3, 4);
  const b = Float64Array.of(5, 6, 7, 8);
  const c = Float64Array.of(NaN, Infinity, NaN, -Infinity);
  typescriptBackend.gemm(false, false, 2, 2, 2, 1, a, b, 0, c);
  assert.deepEqual([...c], [19, 22, 43, 50]);
  // Aᵀ·Bᵀ = (B·A)ᵀ
  typescriptBackend.gemm(true, true, 2, 2, 2, 1, a, b, 0, c);
  assert.deepEqual([...c], [23, 31, 34, 46]);
  const nan = Float64Array.of(NaN, NaN);
  const d = Float64Array.of(1, 2, 3, 4, 99);
  typescriptBackend.gemm(false, false, 2, 2, 1, 0, nan, nan, 2, d);
  assert.deepEqual([...d], [2, 4, 6, 8, 99]);
  typescriptBackend.gemm(false, false, 2, 2, 0, 1, nan, nan, 0, d);
  assert.deepEqual([...d], [0, 0, 0, 0, 99]);
});

Deno.test(`openblas gemm agrees with typescript to 1e-12, views included${SKIP}`, {
  ignore: !openblas.backend,
}, () => {
  const ob = openblas.backend!;
  const rng = Rng.fromSeed(16);
  for (const [m, n, k] of [...GEMM_SHAPES, [1000, 10, 1000], [10, 1000, 1000]]) {
    for (const [transA, transB] of TRANSPOSES) {
      for (const [alpha, beta] of [[1, 0], [-0.7, 1], [0, 3]]) {
        const a = randomVector(rng, m * k);
        const b = randomVector(rng, k * n);
        const co = randomVector(rng, m * n);
        const ct = co.slice();
        ob.gemm(transA, transB, m, n, k, alpha, a, b, beta, co);
        typescriptBackend.gemm(transA, transB, m, n, k, alpha, a, b, beta, ct);
        const err = relErr(co, ct);
        assert.ok(err < 1e-12, `m ${m} n ${n} k ${k} tA ${transA} tB ${transB}: ${err}`);
      }
    }
  }
  // Operands inside bigger buffers at offsets; C's neighbours untouched; NaN in C with β = 0.
  const store = randomVector(rng, 200);
  const before = store.slice();
  const a = store.subarray(3, 3 + 12); // 4×3
  const b = store.subarray(20, 20 + 15); // 3×5
  const c = store.subarray(50, 50 + 20).fill(NaN); // 4×5
  ob.gemm(false, false, 4, 5, 3, 1, a, b, 0, c);
  const want = gemmReference(false, false, 4, 5, 3, 1, a, b, 0, c);
  assert.ok(relErr(c, want) < 1e-12);
  assert.deepEqual(store.subarray(0, 50), before.subarray(0, 50));
  assert.deepEqual(store.subarray(70), before.subarray(70));
  const d = Float64Array.of(1, 2, 3, 4);
  ob.gemm(false, false, 2, 2, 0, 1, new Float64Array(0), new Float64Array(0), 2, d);
  assert.deepEqual([...d], [2, 4, 6, 8]);
});
