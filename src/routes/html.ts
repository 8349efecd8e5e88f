/**
 * What the service's HTML pages (the labeling page, /label; the dashboard,
 * /ui) share: a fresh CSP nonce per response, the Content-Security-Policy
 * that allows only the nonced script and style, the headers every page is
 * sent with, and how a page's script is assembled from its folder of plain
 * JavaScript files (no build step). Pages are outside /v1 (no bearer auth)
 * and carry no secret.
 */
import type { Context } from "hono";
import { html } from "hono/html";
import type { AppEnv } from "./common.ts";

/** A fresh CSP nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The Content-Security-Policy of a page whose only scripts and styles carry `nonce`. */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Sends a page with its security headers. */
export function page(
  c: Context<AppEnv>,
  nonce: string,
  body: unknown,
  status: 200 | 404,
): Response | Promise<Response> {
  c.header("Content-Security-Policy", contentSecurityPolicy(nonce));
  c.header("Referrer-Policy", "no-referrer");
  c.header("Cache-Control", "no-store");
  c.header("X-Content-Type-Options", "nosniff");
  c.header("X-Frame-Options", "DENY");
  return c.html(html`<!doctype html>${body}`, status);
}

/**
 * A page's own script or style sheet: `files` (beside `dir`) read in this order and joined. Each
 * script file is an IIFE adding to one namespace object, so the order is the order they depend on.
 * The text may be inlined into a <script> or <style> element, so it may not close one early.
 */
export function readPageFiles(dir: URL, files: readonly string[]): string {
  const text = files.map((f) => Deno.readTextFileSync(new URL(f, dir))).join("\n");
  if (/<\/(script|style)/i.test(text)) {
    throw new Error(`${files.join(", ")}: a closing </script> or </style> tag`);
  }
  return text;
}
