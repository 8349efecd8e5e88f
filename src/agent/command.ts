/**
 * Runs the user's command for one trial and reads its result: the last JSON
 * object line on stdout. The command runs in a process group of its own
 * (detached), so that a timeout or an interrupt kills the whole tree (a shell
 * script and what it started), and so that a terminal's Ctrl-C reaches the
 * agent alone, which then decides what the command's fate is. The agent's API
 * key is left out of the command's environment.
 */
import type { TrialResult } from "./client.ts";

/** How a command ended. */
export type CommandOutcome =
  | { kind: "result"; result: TrialResult }
  | { kind: "failed"; reason: string };

/** A running command. */
export interface RunningCommand {
  /** Resolves when the command has exited and its output was read. */
  outcome: Promise<CommandOutcome>;
  /** Kills the command's process group (SIGTERM, then SIGKILL after a grace period). */
  kill(reason: string): void;
}

/** Bytes of stderr kept for a failure's reason (the API takes up to 2000 characters). */
export const STDERR_TAIL = 1500;
const KILL_GRACE_MS = 3000;

/** Parses one stdout line as a result, or undefined when it is not one. */
export function parseResultLine(line: string): TrialResult | undefined {
  const text = line.trim();
  if (!text.startsWith("{")) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (record.infeasible === true) {
    return typeof record.reason === "string"
      ? { infeasible: true, reason: record.reason.slice(0, 2000) }
      : { infeasible: true };
  }
  const values: Record<string, number> = {};
  for (const [name, v] of Object.entries(record)) {
    if (typeof v === "number" && Number.isFinite(v)) values[name] = v;
  }
  return Object.keys(values).length > 0 ? { values } : undefined;
}

function tail(text: string, max = STDERR_TAIL): string {
  const trimmed = text.trimEnd();
  return trimmed.length <= max ? trimmed : "…" + trimmed.slice(trimmed.length - max + 1);
}

/** Starts `args` with `env` added (and MINIMA_API_KEY removed), writing `stdin` to it. */
export function runCommand(
  args: string[],
  env: Record<string, string>,
  stdin: string,
  timeoutSeconds?: number,
): RunningCommand {
  const childEnv = { ...Deno.env.toObject(), ...env };
  delete childEnv.MINIMA_API_KEY;
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(args[0], {
      args: args.slice(1),
      env: childEnv,
      clearEnv: true,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      detached: true,
    }).spawn();
  } catch (error) {
    const reason = `could not start ${args[0]}: ${(error as Error).message}`;
    return { outcome: Promise.resolve({ kind: "failed", reason }), kill() {} };
  }
  let killedFor: string | undefined;
  let exited = false;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  const signalGroup = (signal: Deno.Signal) => {
    if (exited) return;
    try {
      Deno.kill(-child.pid, signal);
    } catch { /* already gone */ }
  };
  const kill = (reason: string) => {
    if (killedFor !== undefined || exited) return;
    killedFor = reason;
    signalGroup("SIGTERM");
    graceTimer = setTimeout(() => signalGroup("SIGKILL"), KILL_GRACE_MS);
  };
  const timer = timeoutSeconds === undefined
    ? undefined
    : setTimeout(() => kill(`timed out after ${timeoutSeconds} s`), timeoutSeconds * 1000);

  const writing = (async () => {
    const writer = child.stdin.getWriter();
    try {
      await writer.write(new TextEncoder().encode(stdin));
      await writer.close();
    } catch { /* the command does not read its stdin */ }
  })();
  let last: TrialResult | undefined;
  const reading = (async () => {
    let buffered = "";
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) last = parseResultLine(line) ?? last;
      // A long line without a newline is not a result line: keep memory bounded.
      if (buffered.length > 1_000_000) buffered = "";
    }
    last = parseResultLine(buffered) ?? last;
  })();
  let stderr = "";
  const readingErr = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      stderr = (stderr + chunk).slice(-4 * STDERR_TAIL);
    }
  })();

  const outcome = (async (): Promise<CommandOutcome> => {
    const status = await child.status;
    exited = true;
    clearTimeout(timer);
    clearTimeout(graceTimer);
    // What the command started in the background may hold its pipes open: end them.
    try {
      Deno.kill(-child.pid, "SIGKILL");
    } catch { /* the group is gone */ }
    await Promise.all([writing, reading, readingErr]);
    const err = tail(stderr);
    if (killedFor !== undefined) {
      return { kind: "failed", reason: `${killedFor}${err ? `; stderr: ${err}` : ""}` };
    }
    if (!status.success) {
      const how = status.signal ? `killed by ${status.signal}` : `exit code ${status.code}`;
      return { kind: "failed", reason: err ? `${how}: ${err}` : how };
    }
    if (last === undefined) {
      return {
        kind: "failed",
        reason: `no JSON result line on stdout${err ? `; stderr: ${err}` : ""}`,
      };
    }
    return { kind: "result", result: last };
  })();
  return { outcome, kill };
}
