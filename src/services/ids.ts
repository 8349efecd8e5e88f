/**
 * Identifiers, secrets and opaque cursors.
 */
import { createHash, randomBytes } from "node:crypto";

/** A new random UUID (v4). */
export function newId(): string {
  return crypto.randomUUID();
}

/** SHA-256 of a string, hex. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A new API key: "mk_" and 32 characters of base64url (192 random bits). */
export function newApiKey(): string {
  return `mk_${randomBytes(24).toString("base64url")}`;
}

/** Encodes a pagination position as an opaque string. */
export function encodeCursor(position: unknown): string {
  return btoa(JSON.stringify(position)).replaceAll("+", "-").replaceAll("/", "_")
    .replaceAll("=", "");
}

/** Decodes a cursor made by `encodeCursor`; null when it is not one. */
export function decodeCursor(cursor: string): unknown {
  try {
    const b64 = cursor.replaceAll("-", "+").replaceAll("_", "/");
    return JSON.parse(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)));
  } catch {
    return null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a string is a UUID in canonical (lower-case) form. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/**
 * Whether a string can be stored as PostgreSQL text or JSON: no NUL and no
 * unpaired UTF-16 surrogate.
 */
export function isPlainText(text: string): boolean {
  // deno-lint-ignore no-control-regex
  return !/\u0000/.test(text) && text.isWellFormed();
}
