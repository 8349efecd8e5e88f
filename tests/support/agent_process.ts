/**
 * `minima agent` as a real process for tests/agent_test.ts: its JSON events
 * as they come (to wait on `trial_started` rather than sleep), its whole
 * output (to look for the key), and signals.
 */

/** A running agent. */
export interface AgentProcess {
  process: Deno.ChildProcess;
  /** The JSON events printed so far (stdout lines). */
  events: Record<string, unknown>[];
  /** Resolves with the first event named `name` (rejects if the agent exits first). */
  waitForEvent(name: string): Promise<Record<string, unknown>>;
  /** Resolves when it exited and all its output was read. */
  exited: Promise<{ code: number; stdout: string; stderr: string }>;
}

const AGENT = new URL("../../src/agent/main.ts", import.meta.url).pathname;

/** The objective script: Branin, with modes for crashes, hangs, barriers and gates. */
export const BRANIN_SCRIPT = new URL("./agent_branin.sh", import.meta.url).pathname;

/** Starts `minima agent` with `args` and the given environment. */
export function startAgent(args: string[], env: Record<string, string>): AgentProcess {
  const process = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", AGENT, "agent", ...args],
    env: { NO_COLOR: "1", ...env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const events: Record<string, unknown>[] = [];
  const watchers = new Set<() => void>();
  let stdout = "";
  let stderr = "";
  const readOut = (async () => {
    let buffered = "";
    for await (const chunk of process.stdout.pipeThrough(new TextDecoderStream())) {
      stdout += chunk;
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) if (line.trim()) events.push(JSON.parse(line));
      for (const watcher of watchers) watcher();
    }
  })();
  const readErr = (async () => {
    for await (const chunk of process.stderr.pipeThrough(new TextDecoderStream())) stderr += chunk;
  })();
  const exited = Promise.all([readOut, readErr, process.status]).then(([, , status]) => ({
    code: status.code,
    stdout,
    stderr,
  }));
  const waitForEvent = (name: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const watcher = () => {
        const found = events.find((e) => e.event === name);
        if (found) {
          watchers.delete(watcher);
          resolve(found);
        }
      };
      watchers.add(watcher);
      watcher();
      exited.then((out) => {
        if (watchers.delete(watcher)) {
          reject(new Error(`the agent exited (${out.code}) before ${name}:\n${out.stderr}`));
        }
      });
    });
  return { process, events, waitForEvent, exited };
}

/** Branin, the reference the script's values are compared with. */
export function branin(x1: number, x2: number): number {
  const b = 5.1 / (4 * Math.PI ** 2), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}
