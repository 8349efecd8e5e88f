/**
 * The agent's command line and its argument templates. Parsed and checked in
 * full before anything runs, so that a typo in `{lr}` is a usage error at the
 * prompt rather than N failed trials on the server.
 */
import { parseArgs } from "node:util";

/** What to do with the trials in flight on SIGINT or SIGTERM. */
export type OnSignal = "fail" | "finish";

/** The agent's options, from the command line and the environment. */
export interface AgentOptions {
  studyId: string;
  count: number;
  parallel: number;
  json: boolean;
  onSignal: OnSignal;
  /** Seconds a command may run before it is killed; undefined: no limit. */
  timeoutSeconds?: number;
  /** The command and its argument templates (`{name}` is a param). */
  command: string[];
  url: string;
  key: string;
}

/** A mistake on the command line (exit code 2, with the usage). */
export class UsageError extends Error {}

export const USAGE =
  "usage: minima agent --study ID --count N --parallel P [--json] [--on-signal fail|finish]\n" +
  "                    [--timeout SECONDS] -- COMMAND [ARG...]\n" +
  "  ARGs may hold {param} placeholders ({{ and }} for literal braces).\n" +
  "  MINIMA_API_KEY: the API key (required); MINIMA_URL: the server (http://localhost:8080).";

const PLACEHOLDER = /\{\{|\}\}|\{([^{}]*)\}/g;

function positiveInt(flag: string, value: string | undefined, fallback?: number): number {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--${flag} is required`);
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} must be a positive integer`);
  return n;
}

/** Parses `argv` (after `agent`) and the environment into options. */
export function parseAgentArgs(
  argv: string[],
  env: (name: string) => string | undefined,
): AgentOptions {
  const split = argv.indexOf("--");
  if (split < 0) throw new UsageError("the command to run goes after --");
  const command = argv.slice(split + 1);
  if (command.length === 0) throw new UsageError("no command after --");
  let values;
  try {
    ({ values } = parseArgs({
      args: argv.slice(0, split),
      strict: true,
      allowPositionals: false,
      options: {
        study: { type: "string" },
        count: { type: "string" },
        parallel: { type: "string" },
        json: { type: "boolean" },
        "on-signal": { type: "string" },
        timeout: { type: "string" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.study) throw new UsageError("--study is required");
  const onSignal = values["on-signal"] ?? "fail";
  if (onSignal !== "fail" && onSignal !== "finish") {
    throw new UsageError("--on-signal is fail or finish");
  }
  let timeoutSeconds: number | undefined;
  if (values.timeout !== undefined) {
    timeoutSeconds = Number(values.timeout);
    if (!(timeoutSeconds > 0) || !Number.isFinite(timeoutSeconds)) {
      throw new UsageError("--timeout must be a positive number of seconds");
    }
  }
  const key = env("MINIMA_API_KEY");
  if (!key) throw new UsageError("MINIMA_API_KEY is not set");
  const url = (env("MINIMA_URL") || "http://localhost:8080").replace(/\/+$/, "");
  for (const arg of command) placeholders(arg); // unbalanced braces fail here
  return {
    studyId: values.study,
    count: positiveInt("count", values.count),
    parallel: positiveInt("parallel", values.parallel, 1),
    json: values.json ?? false,
    onSignal,
    timeoutSeconds,
    command,
    url,
    key,
  };
}

/** The param names an argument template refers to. */
export function placeholders(template: string): string[] {
  const names: string[] = [];
  const rest = template.replace(PLACEHOLDER, (_whole, name: string | undefined) => {
    if (name !== undefined) {
      if (name === "") throw new UsageError(`empty placeholder {} in ${JSON.stringify(template)}`);
      names.push(name);
    }
    return "";
  });
  if (/[{}]/.test(rest)) {
    throw new UsageError(`unbalanced brace in ${JSON.stringify(template)} (write {{ or }})`);
  }
  return names;
}

/** Names in the templates that are not params of the study (empty when all are known). */
export function unknownPlaceholders(command: string[], params: Iterable<string>): string[] {
  const known = new Set(params);
  return [...new Set(command.flatMap(placeholders))].filter((name) => !known.has(name));
}

/** Fills one argument template with a trial's params. */
export function fillTemplate(template: string, params: Record<string, unknown>): string {
  return template.replace(PLACEHOLDER, (whole, name: string | undefined) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    if (!Object.hasOwn(params, name!)) {
      throw new Error(`the trial has no param ${name} (a conditional parameter not set?)`);
    }
    return String(params[name!]);
  });
}

/** The environment a trial's command gets on top of the agent's own. */
export function trialEnv(
  studyId: string,
  trialId: string,
  params: Record<string, unknown>,
): Record<string, string> {
  const env: Record<string, string> = { MINIMA_STUDY_ID: studyId, MINIMA_TRIAL_ID: trialId };
  for (const [name, value] of Object.entries(params)) {
    env[`MINIMA_PARAM_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`] = String(value);
  }
  return env;
}
