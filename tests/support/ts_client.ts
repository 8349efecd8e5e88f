/**
 * What the TypeScript client's HTTP tests share (tests/client_typescript_test.ts):
 * an app served on a free port, unique Branin study definitions, the
 * server's view of a study's trials, and the error a call rejects with.
 */
import assert from "node:assert/strict";
import type { Trial } from "../../clients/typescript/src/client.ts";
import type { TestApp } from "./harness.ts";

/** The error `run` rejects with, checked to be a `kind`. */
export async function rejection<E extends Error>(
  run: () => Promise<unknown>,
  kind: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof kind, `rejected with ${error}, not a ${kind.name}`);
    return error;
  }
  throw new assert.AssertionError({ message: `did not reject (expected a ${kind.name})` });
}

/** Branin's global minimum (three points share it). */
export const BRANIN_MIN = 0.397887;

/** A 2-D study definition (a new name each call). */
export function braninStudy(overrides: Record<string, unknown> = {}) {
  return {
    name: `ts-${crypto.randomUUID().slice(0, 8)}`,
    space: {
      parameters: [
        { name: "x1", type: "float" as const, min: -5, max: 10 },
        { name: "x2", type: "float" as const, min: 0, max: 15 },
      ],
    },
    objective: { metrics: [{ name: "value", goal: "minimize" as const }] },
    algorithm: { name: "random" as const, config: {}, seed: 7 },
    ...overrides,
  };
}

/** The trials of a study, read by the harness (the server's view). */
export async function serverTrials(app: TestApp, studyId: string): Promise<Trial[]> {
  const r = await app.expect<{ items: Trial[] }>(
    200,
    "GET",
    `/v1/studies/${studyId}/trials?limit=1000`,
  );
  return r.body.items;
}

/** Serves an app on a free local port; answers its URL and how to stop it. */
export function serve(app: TestApp["app"]) {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.fetch);
  return { url: `http://127.0.0.1:${server.addr.port}`, stop: () => server.shutdown() };
}
