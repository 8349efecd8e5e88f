/**
 * The OpenBLAS backend of linalg_backend.ts: the system's OpenBLAS loaded
 * with `Deno.dlopen` (needs the FFI permission; `--allow-all` has it).
 *
 * Row-major matrices go to LAPACK (column-major) as their transposes: the
 * row-major lower triangle is LAPACK's upper one, so `dpotrf`/`dpotri` run
 * with uplo = "U" on the same memory; CBLAS takes row-major directly.
 * Debian's OpenBLAS has no LAPACKE, so LAPACK is called through its Fortran
 * ABI (arguments by pointer, a hidden string length last). `gemm` is
 * cblas_dgemm, row-major, with the leading dimensions of dense matrices.
 *
 * The library is looked for as `MINIMA_OPENBLAS_PATH` when set, then
 * `libopenblas.so.0` through the dynamic linker (on Debian the alternatives
 * link to the installed flavour), then the Debian flavour directories and
 * other usual names. Threaded builds (pthread, OpenMP) lock their buffer
 * pool and are safe to call from several Workers at once; they are held to
 * one thread per call unless OPENBLAS_NUM_THREADS (or GOTO_NUM_THREADS,
 * OMP_NUM_THREADS) is set, since the service's designer Workers already use
 * the cores. A sequential build is reported as such (see
 * {@linkcode OpenblasLoad}). Each library that loads is checked against the
 * TypeScript implementation on small matrices before it is used.
 *
 * @module
 */

import {
  choleskyInverseLower,
  choleskyShifted,
  solveLower,
  solveLowerTransposed,
} from "./linalg.ts";
import type { LinalgBackend } from "./linalg_backend.ts";

const SYMBOLS = {
  dpotrf_: {
    parameters: ["buffer", "buffer", "buffer", "buffer", "buffer", "usize"],
    result: "void",
  },
  dpotri_: {
    parameters: ["buffer", "buffer", "buffer", "buffer", "buffer", "usize"],
    result: "void",
  },
  cblas_dtrsm: {
    parameters: [
      "i32", // order
      "i32", // side
      "i32", // uplo
      "i32", // transA
      "i32", // diag
      "i32", // M
      "i32", // N
      "f64", // alpha
      "buffer", // A
      "i32", // lda
      "buffer", // B
      "i32", // ldb
    ],
    result: "void",
  },
  cblas_dgemm: {
    parameters: [
      "i32", // order
      "i32", // transA
      "i32", // transB
      "i32", // M
      "i32", // N
      "i32", // K
      "f64", // alpha
      "buffer", // A
      "i32", // lda
      "buffer", // B
      "i32", // ldb
      "f64", // beta
      "buffer", // C
      "i32", // ldc
    ],
    result: "void",
  },
  cblas_dtrsv: {
    parameters: ["i32", "i32", "i32", "i32", "i32", "buffer", "i32", "buffer", "i32"],
    result: "void",
  },
  openblas_set_num_threads: { parameters: ["i32"], result: "void", optional: true },
  openblas_get_num_threads: { parameters: [], result: "i32", optional: true },
  openblas_get_parallel: { parameters: [], result: "i32", optional: true },
  openblas_get_config: { parameters: [], result: "pointer", optional: true },
} as const;

type OpenblasLibrary = Deno.DynamicLibrary<typeof SYMBOLS>;

// CBLAS enumerations.
const ROW_MAJOR = 101;
const NO_TRANS = 111;
const TRANS = 112;
const LOWER = 122;
const NON_UNIT = 131;
const LEFT = 141;

/** What looking for OpenBLAS found, in this isolate. */
export interface OpenblasLoad {
  /** A threaded build (pthread or OpenMP), safe to call from several threads. */
  threadSafe?: LinalgBackend;
  /** A sequential build (its buffer pool takes no lock). */
  sequential?: LinalgBackend;
  /** Where the sequential build was found. */
  sequentialPath?: string;
  /** Why each candidate was passed over. */
  reasons: string[];
}

/** An environment variable, or undefined when unset or not readable without a prompt. */
export function readEnvironment(name: string): string | undefined {
  try {
    if (Deno.permissions.querySync({ name: "env", variable: name }).state !== "granted") {
      return undefined;
    }
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

/** The library names and paths to try, in order. */
function candidates(): string[] {
  const explicit = readEnvironment("MINIMA_OPENBLAS_PATH");
  if (Deno.build.os === "darwin") {
    return [
      ...(explicit ? [explicit] : []),
      "libopenblas.dylib",
      "/opt/homebrew/opt/openblas/lib/libopenblas.dylib",
      "/usr/local/opt/openblas/lib/libopenblas.dylib",
    ];
  }
  const multiarch = Deno.build.arch === "aarch64" ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
  return [
    ...(explicit ? [explicit] : []),
    "libopenblas.so.0",
    ...["pthread", "openmp", "serial"].map((f) =>
      `/usr/lib/${multiarch}/openblas-${f}/libopenblas.so.0`
    ),
    "libopenblasp.so.0", // Fedora: pthreads
    "libopenblaso.so.0", // Fedora: OpenMP
    "libopenblas.so",
  ];
}

/** The backend's operations on a loaded library. */
function backendOf(lib: OpenblasLibrary, description: string): LinalgBackend {
  const f = lib.symbols;
  const upper = new Uint8Array([85]); // "U"
  const order = new Int32Array(1);
  const info = new Int32Array(1);

  return {
    name: "openblas",
    description,
    cholesky(a, n, shift, out) {
      if (n === 0) return true;
      const size = n * n;
      if (out !== a) out.set(a.subarray(0, size));
      if (shift !== 0) { for (let i = 0; i < n; i++) out[i * n + i] += shift; }
      order[0] = n;
      info[0] = 0;
      f.dpotrf_(upper, order, out, order, info, 1n);
      if (info[0] !== 0) return false;
      for (let i = 0; i < n; i++) {
        const d = out[i * n + i];
        // OpenBLAS's unblocked step tests d ≤ 0 only: NaN and ∞ are caught here.
        if (!(d > 0) || d === Infinity) return false;
        out.fill(0, i * n + i + 1, (i + 1) * n);
      }
      return true;
    },
    solveLower(l, n, b, m) {
      if (n === 0 || m === 0) return;
      if (m === 1) f.cblas_dtrsv(ROW_MAJOR, LOWER, NO_TRANS, NON_UNIT, n, l, n, b, 1);
      else f.cblas_dtrsm(ROW_MAJOR, LEFT, LOWER, NO_TRANS, NON_UNIT, n, m, 1, l, n, b, m);
    },
    solveLowerTransposed(l, n, b, m) {
      if (n === 0 || m === 0) return;
      if (m === 1) f.cblas_dtrsv(ROW_MAJOR, LOWER, TRANS, NON_UNIT, n, l, n, b, 1);
      else f.cblas_dtrsm(ROW_MAJOR, LEFT, LOWER, TRANS, NON_UNIT, n, m, 1, l, n, b, m);
    },
    choleskyInverseLower(l, n, out) {
      if (n === 0) return;
      if (out === l) throw new Error("choleskyInverseLower needs an `out` distinct from `l`");
      out.set(l.subarray(0, n * n));
      order[0] = n;
      info[0] = 0;
      f.dpotri_(upper, order, out, order, info, 1n);
      if (info[0] !== 0) throw new Error(`dpotri failed (info ${info[0]}): the factor is singular`);
    },
    gemm(transA, transB, m, n, k, alpha, a, b, beta, c) {
      if (m === 0 || n === 0) return;
      if (k === 0 || alpha === 0) {
        // BLAS would only scale C here; done here so that no zero leading dimension reaches it.
        const size = m * n;
        if (beta === 0) c.fill(0, 0, size);
        else if (beta !== 1) { for (let i = 0; i < size; i++) c[i] *= beta; }
        return;
      }
      f.cblas_dgemm(
        ROW_MAJOR,
        transA ? TRANS : NO_TRANS,
        transB ? TRANS : NO_TRANS,
        m,
        n,
        k,
        alpha,
        a,
        transA ? m : k,
        b,
        transB ? k : n,
        beta,
        c,
        n,
      );
    },
  };
}

/** Largest difference of two arrays relative to the larger magnitude (at least 1). */
function relativeDifference(a: Float64Array, b: Float64Array): number {
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

/**
 * Runs every operation on a small SPD matrix and compares with the
 * TypeScript implementation; a wrong calling convention (e.g. a 64-bit
 * integer build) shows up here rather than in a GP.
 */
function selfCheck(backend: LinalgBackend): string | undefined {
  const n = 5;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i * n + j] = 1 / (1 + Math.abs(i - j)) + (i === j ? 1 : 0);
  }
  const want = new Float64Array(n * n);
  choleskyShifted(a, n, { shift: 0.25, out: want });
  const got = new Float64Array(n * n).fill(7);
  if (!backend.cholesky(a, n, 0.25, got)) return "cholesky failed on an SPD matrix";
  if (relativeDifference(got, want) > 1e-12) return "cholesky differs from TypeScript";
  const m = 3;
  const b = Float64Array.from({ length: n * m }, (_, k) => Math.sin(k + 1));
  const x = b.slice();
  backend.solveLower(want, n, x, m);
  const y = x.slice();
  backend.solveLowerTransposed(want, n, y, m);
  for (let j = 0; j < m; j++) {
    const col = Float64Array.from({ length: n }, (_, i) => b[i * m + j]);
    solveLower(want, n, col, col);
    const colLower = col.slice();
    solveLowerTransposed(want, n, col, col);
    for (let i = 0; i < n; i++) {
      if (Math.abs(x[i * m + j] - colLower[i]) > 1e-12 * (1 + Math.abs(colLower[i]))) {
        return "triangular solve differs from TypeScript";
      }
      if (Math.abs(y[i * m + j] - col[i]) > 1e-12 * (1 + Math.abs(col[i]))) {
        return "transposed triangular solve differs from TypeScript";
      }
    }
  }
  const v = Float64Array.from({ length: n }, (_, i) => b[i * m]); // column 0 of B
  backend.solveLower(want, n, v, 1);
  if (relativeDifference(v, x.filter((_, k) => k % m === 0)) > 1e-12) {
    return "vector solve differs from TypeScript";
  }
  const inverse = new Float64Array(n * n);
  backend.choleskyInverseLower(want, n, inverse);
  const reference = choleskyInverseLower(want, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      if (Math.abs(inverse[i * n + j] - reference[i * n + j]) > 1e-12) {
        return "inverse differs from TypeScript";
      }
    }
  }
  return gemmCheck(backend);
}

/** cblas_dgemm against a plain triple loop, in the four transpose cases. */
function gemmCheck(backend: LinalgBackend): string | undefined {
  const [m, n, k] = [3, 4, 5];
  const a = Float64Array.from({ length: m * k }, (_, i) => Math.cos(i + 0.5));
  const b = Float64Array.from({ length: k * n }, (_, i) => Math.sin(2 * i + 1));
  for (const transA of [false, true]) {
    for (const transB of [false, true]) {
      const c = Float64Array.from({ length: m * n }, (_, i) => i - 4);
      const want = c.map((v, ij) => {
        const [i, j] = [Math.floor(ij / n), ij % n];
        let s = 0;
        for (let l = 0; l < k; l++) {
          s += a[transA ? l * m + i : i * k + l] * b[transB ? j * k + l : l * n + j];
        }
        return 1.5 * s - 0.5 * v;
      });
      backend.gemm(transA, transB, m, n, k, 1.5, a, b, -0.5, c);
      if (relativeDifference(c, want) > 1e-12) return "gemm differs from a plain loop";
    }
  }
  return undefined;
}

/** Opens one candidate; the backend and whether it is threaded, or why not. */
function open(
  path: string,
): { backend: LinalgBackend; threaded: boolean; lib: OpenblasLibrary } | string {
  let lib: OpenblasLibrary;
  try {
    lib = Deno.dlopen(path, SYMBOLS);
  } catch (error) {
    const message = (error as Error).message.split("\n")[0];
    return `${path}: ${message.replace(/^(Could not open library: )+/, "")}`;
  }
  try {
    return prepare(lib, path);
  } catch (error) {
    lib.close();
    return `${path}: ${(error as Error).message}`;
  }
}

/** Threads, description and self-check of a freshly opened library. */
function prepare(
  lib: OpenblasLibrary,
  path: string,
): { backend: LinalgBackend; threaded: boolean; lib: OpenblasLibrary } | string {
  const f = lib.symbols;
  const parallel = f.openblas_get_parallel ? f.openblas_get_parallel() : 0;
  const threaded = parallel === 1 || parallel === 2;
  const threadVariables = ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"];
  if (threaded && f.openblas_set_num_threads && !threadVariables.some((v) => readEnvironment(v))) {
    f.openblas_set_num_threads(1);
  }
  const configPointer = f.openblas_get_config ? f.openblas_get_config() : null;
  const config = configPointer ? Deno.UnsafePointerView.getCString(configPointer) : "OpenBLAS";
  const threads = threaded && f.openblas_get_num_threads ? f.openblas_get_num_threads() : 1;
  const description = `${config} (${path}; ${
    threaded
      ? `${parallel === 2 ? "OpenMP" : "pthread"} build, ${threads} thread(s) per call`
      : "sequential build"
  })`;
  const backend = backendOf(lib, description);
  const failure = selfCheck(backend);
  if (failure) {
    lib.close();
    return `${path}: self-check failed (${failure})`;
  }
  return { backend, threaded, lib };
}

/**
 * Looks for OpenBLAS (see the module doc): the first threaded build that
 * loads and passes the self-check, else the first sequential one, with the
 * reasons for every candidate passed over. Never throws.
 */
export function loadOpenblas(): OpenblasLoad {
  const reasons: string[] = [];
  try {
    if (typeof Deno.dlopen !== "function") return { reasons: ["Deno.dlopen is not available"] };
    if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") {
      return { reasons: ["no FFI permission (run with --allow-ffi or --allow-all)"] };
    }
  } catch (error) {
    return { reasons: [`FFI permission unknown: ${(error as Error).message}`] };
  }
  let sequential: { backend: LinalgBackend; lib: OpenblasLibrary; path: string } | undefined;
  for (const path of candidates()) {
    const found = open(path);
    if (typeof found === "string") {
      reasons.push(found);
      continue;
    }
    if (found.threaded) {
      sequential?.lib.close();
      return { threadSafe: found.backend, reasons };
    }
    if (sequential) found.lib.close();
    else sequential = { ...found, path };
  }
  return { sequential: sequential?.backend, sequentialPath: sequential?.path, reasons };
}
