/**
 * Structured logs: one JSON object per line on stdout (errors on stderr).
 */

/** Log levels, least severe first. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Writes log records at or above a level. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** A logger that writes JSON lines; `sink` defaults to console. */
export function createLogger(
  level: LogLevel,
  sink: (line: string, severe: boolean) => void = (line, severe) =>
    severe ? console.error(line) : console.log(line),
): Logger {
  const min = RANK[level];
  const write =
    (l: Exclude<LogLevel, "silent">) => (msg: string, fields?: Record<string, unknown>) => {
      if (RANK[l] < min) return;
      sink(
        JSON.stringify({ time: new Date().toISOString(), level: l, msg, ...fields }),
        RANK[l] >= 30,
      );
    };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}
