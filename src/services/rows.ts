/**
 * Reading raw rows the same way whichever driver read them: postgres.js and
 * PGlite differ on dates (Date or string) and on JSON (parsed or text).
 */

/** A timestamp column as an ISO string (null stays null). */
export function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

/** A JSON column as a value. */
export function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
