/**
 * The service under test as its own process (`src/main.ts`), the throwaway
 * PostgreSQL database it runs on, and CPU accounting from /proc.
 */
import postgres from "postgres";

/** A running service process. */
export interface Service {
  /** Its base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Its process id (for CPU accounting). */
  pid: number;
  /** Sends SIGTERM and waits for it to exit (SIGKILL after 30 s). */
  stop(): Promise<void>;
}

/** A 32-character admin key, made once per bench run. */
export const ADMIN_KEY = `bench-${crypto.randomUUID().replaceAll("-", "").slice(0, 26)}`;

const cleanups = new Set<() => Promise<void>>();
let listening = false;

/**
 * Runs `cleanup` if the bench is interrupted (SIGINT, SIGTERM) before the
 * returned function is called to forget it: no service process or throwaway
 * database is left behind by Ctrl-C.
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  if (!listening) {
    listening = true;
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      Deno.addSignalListener(signal, async () => {
        console.error(`\n${signal}: cleaning up`);
        for (const c of [...cleanups].reverse()) await c().catch(() => {});
        Deno.exit(130);
      });
    }
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** A TCP port nothing listens on right now. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/**
 * Spawns `deno run --allow-all src/main.ts` (or `entry`: `worker.ts` for a
 * worker process) of this checkout, of `options.root`, or at an absolute
 * path (another checkout's entry), with `env` added to the bench's settings,
 * and waits until GET /readyz answers 200 (`options.readyMs`, default 60 s,
 * at most).
 */
export async function startService(
  env: Record<string, string>,
  entry: "main.ts" | "worker.ts" | `/${string}` = "main.ts",
  options: {
    /** The checkout to run (default this one), e.g. a baseline to compare with. */
    root?: string;
    readyMs?: number;
  } = {},
): Promise<Service> {
  const port = freePort();
  const root = options.root ?? new URL("..", import.meta.url).pathname;
  const main = entry.startsWith("/") ? entry : `${root.replace(/\/$/, "")}/src/${entry}`;
  const readyMs = options.readyMs ?? 60_000;
  // MINIMA_BENCH_DENO_ARGS in `env`: more flags for deno run (--cpu-prof, --v8-flags=…).
  const extra = (env.MINIMA_BENCH_DENO_ARGS ?? "").split(" ").filter(Boolean);
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", ...extra, main],
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      MINIMA_ADMIN_KEY: ADMIN_KEY,
      LOG_LEVEL: "warn",
      NO_COLOR: "1",
      ...env,
    },
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr: string[] = [];
  const drained = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      stderr.push(chunk);
      if (stderr.length > 200) stderr.shift();
    }
  })();
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  const forget = onInterrupt(async () => {
    if (!exited) child.kill("SIGTERM");
    await status;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyMs;
  for (;;) {
    try {
      const r = await fetch(`${url}/readyz`);
      await r.body?.cancel();
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (exited || Date.now() > deadline) {
      if (!exited) child.kill("SIGKILL");
      await status;
      await drained;
      forget();
      throw new Error(`the service did not get ready:\n${stderr.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid,
    async stop() {
      forget();
      if (exited) return;
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      const timer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* already gone */ }
      }, 30_000);
      const s = await status;
      clearTimeout(timer);
      await drained;
      if (!s.success && s.signal !== "SIGTERM") {
        console.error(`service exited with ${s.code}:\n${stderr.join("").slice(-2000)}`);
      }
    },
  };
}

/** A throwaway database on a PostgreSQL server. */
export interface ScratchDatabase {
  /** Its postgres:// URL. */
  url: string;
  /** Its name. */
  name: string;
  /** Drops it (WITH (FORCE)). */
  drop(): Promise<void>;
}

/** Creates `<prefix>_<random>` on the server at `serverUrl`. */
export async function createScratchDatabase(
  serverUrl: string,
  prefix: string,
): Promise<ScratchDatabase> {
  const name = `${prefix}_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
  const forget = onInterrupt(drop);
  return {
    url: url.toString(),
    name,
    async drop() {
      forget();
      await drop();
    },
  };
}

/** CPU seconds used so far, by whom. */
export interface CpuSample {
  /** Wall-clock time of the sample, in seconds (performance.now). */
  at: number;
  /** The service process. */
  server: number;
  /** This bench process (the HTTP clients). */
  client: number;
  /** Every process named `postgres` on this machine. */
  postgres: number;
  /** All CPUs together (from /proc/stat, idle and iowait excluded). */
  total: number;
}

/** CPU time over an interval, as percent of one core (200% = both cores of two). */
export type CpuUse = Omit<CpuSample, "at">;

const TICK = 100; // USER_HZ on Linux

function processSeconds(pid: number | "self"): number {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICK; // utime, stime
  } catch {
    return 0;
  }
}

function postgresSeconds(): number {
  let sum = 0;
  try {
    for (const entry of Deno.readDirSync("/proc")) {
      if (!/^\d+$/.test(entry.name)) continue;
      try {
        const stat = Deno.readTextFileSync(`/proc/${entry.name}/stat`);
        if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) !== "postgres") continue;
        sum += processSeconds(Number(entry.name));
      } catch { /* gone */ }
    }
  } catch { /* no /proc */ }
  return sum;
}

function busySeconds(): number {
  try {
    const line = Deno.readTextFileSync("/proc/stat").split("\n")[0];
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return (total - f[3] - f[4]) / TICK; // minus idle and iowait
  } catch {
    return 0;
  }
}

/** Reads the CPU counters now (cheap: a few /proc files). */
export function sampleCpu(serverPid: number): CpuSample {
  return {
    at: performance.now() / 1000,
    server: processSeconds(serverPid),
    client: processSeconds("self"),
    postgres: postgresSeconds(),
    total: busySeconds(),
  };
}

/** CPU use between two samples, in percent of one core. */
export function cpuBetween(a: CpuSample, b: CpuSample): CpuUse {
  const wall = Math.max(b.at - a.at, 1e-6);
  const pct = (x: number, y: number) => Math.round(((y - x) / wall) * 100);
  return {
    server: pct(a.server, b.server),
    client: pct(a.client, b.client),
    postgres: pct(a.postgres, b.postgres),
    total: pct(a.total, b.total),
  };
}

/** A service started on a backend of its own by `startOnBackend`. */
export interface BackendService {
  backend: "postgres" | "pglite";
  service: Service;
  /** The scratch database's name and URL (PostgreSQL only). */
  databaseName?: string;
  databaseUrl?: string;
  /** Seconds from starting the service's process to its first ready answer. */
  startSeconds: number;
  /** Stops the service, then drops its scratch database or removes its PGlite directory. */
  close(): Promise<void>;
}

/**
 * Starts the service on a fresh backend: a scratch database (`<prefix>_…`)
 * on the PostgreSQL server at `serverUrl`, or PGlite in a temporary
 * directory; `env` is added to the service's environment. Both are cleaned
 * up by `close` (and on Ctrl-C).
 */
export async function startOnBackend(
  backend: "postgres" | "pglite",
  serverUrl: string,
  env: Record<string, string> = {},
  prefix = "minima_bench",
  /** The checkout to run (default this one), as startService takes it. */
  root?: string,
): Promise<BackendService> {
  let cleanup: () => Promise<void>;
  let databaseName: string | undefined;
  let databaseUrl: string | undefined;
  let backendEnv: Record<string, string>;
  if (backend === "postgres") {
    const db = await createScratchDatabase(serverUrl, prefix);
    databaseName = db.name;
    databaseUrl = db.url;
    cleanup = () => db.drop();
    backendEnv = { DATABASE_URL: db.url };
  } else {
    const dir = await Deno.makeTempDir({ prefix: "minima-bench-" });
    const remove = () => Deno.remove(dir, { recursive: true });
    const forget = onInterrupt(remove);
    cleanup = () => {
      forget();
      return remove();
    };
    backendEnv = { MINIMA_DATA_DIR: dir };
  }
  let service: Service;
  const started = performance.now();
  try {
    service = await startService({ ...backendEnv, ...env }, "main.ts", { root });
  } catch (error) {
    await cleanup().catch(() => {});
    throw error;
  }
  return {
    backend,
    service,
    databaseName,
    databaseUrl,
    startSeconds: Math.round((performance.now() - started) / 100) / 10,
    async close() {
      try {
        await service.stop();
      } finally {
        await cleanup();
      }
    },
  };
}
