/**
 * Runs the service (`src/main.ts`) or a worker (`src/worker.ts`) as its own
 * process, as production does.
 */
import { ADMIN_KEY } from "./harness.ts";
import { HANG_MS } from "./wait.ts";

/** A running service process. */
export interface ServiceProcess {
  url: string;
  process: Deno.ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /**
   * Resolves with the first match of `pattern` in the output, as soon as it is
   * printed; rejects if the process exits without printing it.
   */
  waitForOutput(pattern: RegExp): Promise<RegExpExecArray>;
  /** Resolves when the process has exited and all its output was read. */
  exited: Promise<Deno.CommandStatus>;
  /** Stops it with a signal and waits for it to exit (and its output to be read). */
  stop(signal?: Deno.Signal): Promise<Deno.CommandStatus>;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Starts `src/main.ts` with the given environment and waits until it is ready. */
export async function startService(env: Record<string, string>): Promise<ServiceProcess> {
  return await startProcess("main.ts", env);
}

/** Starts `src/worker.ts` (`deno task worker`) with the given environment and waits until it is ready. */
export async function startWorker(env: Record<string, string>): Promise<ServiceProcess> {
  return await startProcess("worker.ts", env);
}

async function startProcess(entry: string, env: Record<string, string>): Promise<ServiceProcess> {
  const port = freePort();
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", new URL(`../../src/${entry}`, import.meta.url).pathname],
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      MINIMA_ADMIN_KEY: ADMIN_KEY,
      LOG_LEVEL: "warn",
      NO_COLOR: "1",
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  });
  const process = command.spawn();
  const stderr: string[] = [];
  const watchers = new Set<() => void>();
  // Read to the end, so that no read is left pending when the test ends.
  const reading = Promise.all([process.stdout, process.stderr].map(async (stream) => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      stderr.push(chunk);
      for (const watcher of watchers) watcher();
    }
  }));
  const exited = reading.then(() => process.status);
  const waitForOutput = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const watcher = () => {
        const match = pattern.exec(stderr.join(""));
        if (match) {
          watchers.delete(watcher);
          resolve(match);
        }
      };
      watchers.add(watcher);
      watcher();
      exited.then((status) => {
        if (!watchers.delete(watcher)) return;
        reject(
          new Error(
            `the service exited (${JSON.stringify(status)}) without printing ${pattern}:\n` +
              stderr.join(""),
          ),
        );
      });
    });
  const url = `http://127.0.0.1:${port}`;
  // A guard, not a claim: a loaded machine may take a minute to open PGlite and migrate.
  const deadline = Date.now() + HANG_MS;
  for (;;) {
    try {
      const r = await fetch(`${url}/readyz`);
      await r.body?.cancel();
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      process.kill("SIGKILL");
      await exited;
      throw new Error(`service did not get ready:\n${stderr.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process,
    output: () => stderr.join(""),
    waitForOutput,
    exited,
    async stop(signal: Deno.Signal = "SIGTERM") {
      try {
        process.kill(signal);
      } catch { /* already gone */ }
      return await exited;
    },
  };
}

/** Uploads a model's bytes to a running service as `key`; returns the model's id. */
export async function uploadModelAt(
  base: string,
  key: string,
  name: string,
  bytes: Uint8Array,
): Promise<string> {
  const r = await fetch(`${base}/v1/models?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/octet-stream" },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  const text = await r.text();
  if (r.status !== 201) throw new Error(`uploadModel: ${r.status} ${text}`);
  return JSON.parse(text).id;
}

/**
 * A new project on a running service, its key, and `api`: a JSON request as
 * that key that must succeed (any 2xx), answering the body.
 */
export async function projectApi(base: string, name: string) {
  const project = await call(base, ADMIN_KEY, "POST", "/v1/projects", { name });
  if (project.status !== 201) throw new Error(`createProject: ${JSON.stringify(project.body)}`);
  const keyReply = await call(base, ADMIN_KEY, "POST", `/v1/projects/${project.body.id}/keys`, {
    name: "k",
  });
  const key = keyReply.body.key as string;
  // deno-lint-ignore no-explicit-any
  const api = async (method: string, path: string, body?: unknown): Promise<any> => {
    const r = await call(base, key, method, path, body);
    if (r.status >= 300) {
      throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    return r.body;
  };
  return { key, api };
}

/** Sends a JSON request to a running service. */
export async function call(
  base: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; body: any }> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}
