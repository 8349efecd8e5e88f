/**
 * Fuzzing (issue 14): every operation of openapi/openapi.json, driven with
 * paths, queries, headers and bodies generated from the document
 * (support/fuzz_requests.ts), against the real app over a real database.
 *
 * Whatever is sent, the service must answer as a service: never a 5xx; every
 * 4xx an RFC 9457 problem (application/problem+json with type, title, status
 * and detail, `status` equal to the response's); a body that claims JSON
 * parses; and the response is one its operation documents (status, media
 * type, the body against its schema: support/contract.ts).
 *
 * Seeded: MINIMA_FUZZ_SEED (default a fixed seed; "random" for a new one,
 * printed) replays a run; MINIMA_FUZZ_RUNS sizes it (default 1500 per
 * backend); MINIMA_FUZZ_MINUTES bounds it in time. `deno task fuzz`
 * (MINIMA_FUZZ_CAMPAIGN=1) runs a long campaign: a new seed, 100,000
 * requests or 60 minutes per backend (MINIMA_TEST_BACKENDS picks them). The test keeps going after a failure and reports each
 * distinct one (operation, status, rule) with the first request that showed it.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { responseMismatch } from "./support/contract.ts";
import { testBackends } from "./support/db.ts";
import { allIds, type Fixture, makeFixture } from "./support/fuzz_fixture.ts";
import { BODY_ID, casesOf, type FuzzCase, operationsOf } from "./support/fuzz_requests.ts";
import { ADMIN_KEY, startTestApp, type TestApp } from "./support/harness.ts";
import { branin } from "./support/onnx_models.ts";
import { OnnxRuntime } from "../src/evaluators/onnx/mod.ts";

const doc = JSON.parse(
  Deno.readTextFileSync(new URL("../openapi/openapi.json", import.meta.url)),
);
/** `deno task fuzz`: a new seed, 100,000 requests or 60 minutes per backend. */
const CAMPAIGN = Deno.env.get("MINIMA_FUZZ_CAMPAIGN") === "1";
const seedSetting = Deno.env.get("MINIMA_FUZZ_SEED") ?? (CAMPAIGN ? "random" : "20261202");
const SEED = seedSetting === "random" ? Date.now() % 2 ** 31 : Number(seedSetting);
const RUNS = Number(Deno.env.get("MINIMA_FUZZ_RUNS") ?? (CAMPAIGN ? 100_000 : 1500));
const MINUTES = Number(Deno.env.get("MINIMA_FUZZ_MINUTES") ?? (CAMPAIGN ? 60 : 0));
/** Requests between fresh fixtures (the fuzzer deletes what it reaches). */
const REFRESH = 150;

const operations = operationsOf(doc);
const anyCase = fc.oneof(...operations.map((op) => casesOf(doc, op)));
const MODEL = branin().bytes;

/** A request as sent, for the report. */
interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** One distinct failure, with the first request that showed it and how often. */
interface Failure {
  what: string;
  sent: Sent;
  status: number;
  text: string;
  count: number;
  /** Copies of the request sent at once. */
  copies: number;
}

function resolve(c: FuzzCase, fixture: Fixture, app: TestApp): Sent {
  const pick = (pool: string, n: number) => {
    const ids = fixture.pools[pool] ?? [];
    return ids.length ? ids[n % ids.length] : "00000000-0000-4000-8000-000000000000";
  };
  let path = c.template;
  for (const [name, ref] of Object.entries(c.params)) {
    let segment: string;
    if ("literal" in ref) {
      segment = /^[\x21-\x7e]{0,20}$/.test(ref.literal)
        ? ref.literal
        : encodeURIComponent(ref.literal.toWellFormed());
    } else {
      segment = pick(ref.pool, ref.pick);
      if (ref.upper) segment = segment.toUpperCase();
    }
    path = path.replace(`{${name}}`, segment);
  }
  const query = c.rawQuery ?? new URLSearchParams(c.query).toString();
  const headers: Record<string, string> = { ...c.headers };
  const key = c.key;
  const keys = {
    project: app.projectKey,
    admin: ADMIN_KEY,
    labeler: fixture.labelerKey,
    unknown: "mk_0000000000000000000000000000000000",
  };
  if (typeof key === "object") headers.authorization = key.header;
  else if (key !== "none") headers.authorization = `Bearer ${keys[key]}`;
  const ids = allIds(fixture);
  let body: string | undefined;
  if (c.body && "json" in c.body) {
    body = JSON.stringify(c.body.json, (_, v) =>
      typeof v === "string" && v.startsWith(BODY_ID) && ids.length
        ? ids[Number(v.slice(BODY_ID.length)) % ids.length]
        : v) ?? "null";
  } else if (c.body && "raw" in c.body) body = c.body.raw;
  return { method: c.method, url: query ? `${path}?${query}` : path, headers, body };
}

/** uploadModel's body: a real model, or bytes that are none. */
function modelBody(c: FuzzCase): Uint8Array {
  return (c.body as { model: boolean }).model ? MODEL : new Uint8Array([8, 1, 18, 0, 0xff]);
}

/** Sends one request; answers the failures it shows (none when the answer is sound). */
async function check(app: TestApp, c: FuzzCase, sent: Sent): Promise<
  { status: number; found: { what: string; status: number; text: string }[] }
> {
  const model = c.body && "model" in c.body;
  const bodyless = sent.method === "GET" || sent.method === "HEAD";
  let res: Response;
  try {
    res = await app.app.request(sent.url, {
      method: sent.method,
      headers: sent.headers,
      body: (bodyless ? undefined : model ? modelBody(c) : sent.body) as BodyInit | undefined,
    });
  } catch (error) {
    // A request no client could send (the Request constructor refuses it).
    if (error instanceof TypeError) return { status: 0, found: [] };
    return {
      status: 0,
      found: [{ what: `threw ${String(error).slice(0, 120)}`, status: 0, text: "" }],
    };
  }
  const contentType = res.headers.get("content-type") ?? "";
  let text = "";
  if (/text\/event-stream/.test(contentType)) await res.body?.cancel();
  else text = await res.text();
  const out: { what: string; status: number; text: string }[] = [];
  const status = res.status;
  if (status >= 500) out.push({ what: "5xx", status, text });
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  let parsed: unknown = text;
  if (/^application\/([\w.-]+\+)?json$/.test(mediaType) && sent.method !== "HEAD") {
    try {
      parsed = JSON.parse(text);
    } catch {
      out.push({ what: `${mediaType} that does not parse`, status, text });
    }
  }
  if (status >= 400 && status < 500 && sent.method !== "HEAD") {
    const p = parsed as Record<string, unknown>;
    if (mediaType !== "application/problem+json") {
      out.push({ what: `a ${status} as ${mediaType || "no media type"}`, status, text });
    } else if (
      !p || typeof p.type !== "string" || typeof p.title !== "string" ||
      p.status !== status || typeof p.detail !== "string"
    ) {
      out.push({ what: "a problem without type, title, status or detail", status, text });
    }
  }
  const mismatch = sent.method === "HEAD" ? undefined : responseMismatch(app.app, {
    method: sent.method,
    path: sent.url,
    status,
    contentType: res.headers.get("content-type"),
    body: parsed,
    text,
  });
  if (mismatch) out.push({ what: `contract: ${mismatch}`, status, text });
  return { status, found: out };
}

/** What makes two failures the same: no ids, numbers or quoted values. */
function signature(operationId: string, what: string): string {
  return `${operationId}: ${
    what.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, "<id>").replace(/"[^"]*"/g, '"…"')
      .replace(/\d+/g, "N").slice(0, 160)
  }`;
}

for (const backend of testBackends()) {
  Deno.test({
    name: `fuzz: every operation, ${RUNS} requests, seed ${SEED} [${backend}]`,
    // OnnxRuntime's worker and the app's timers outlive single requests.
    sanitizeOps: false,
    sanitizeResources: false,
    async fn() {
      console.log(
        `fuzz [${backend}]: seed ${SEED} (replay with MINIMA_FUZZ_SEED=${SEED}), ${RUNS} runs, ` +
          `${operations.length} operations`,
      );
      const onnx = new OnnxRuntime({
        providers: ["cpu"],
        cacheBytes: 16 << 20,
        maxBatchRows: 4096,
        maxDelayMs: 1,
      });
      const app = await startTestApp(backend, {
        onnx,
        maxBodyBytes: 256 * 1024,
        maxModelBytes: 1024 * 1024,
      });
      const failures = new Map<string, Failure>();
      let fixture = await makeFixture(app);
      let n = 0;
      const byStatus = new Map<string, number>();
      const time = new Map<string, number>();
      const run = async (c: FuzzCase) => {
        const sent = resolve(c, fixture, app);
        // A tenth are sent 2-4 times at once, as a client's retry racing its first try.
        const started = performance.now();
        const replies = await Promise.all(
          Array.from({ length: c.copies }, () => check(app, c, sent)),
        );
        const spent = performance.now() - started;
        time.set(c.operationId, (time.get(c.operationId) ?? 0) + spent);
        for (const { status } of replies) {
          const cls = status ? `${Math.floor(status / 100)}xx` : "unsent";
          byStatus.set(cls, (byStatus.get(cls) ?? 0) + 1);
        }
        for (const f of replies.flatMap((r) => r.found)) {
          const key = signature(c.operationId, f.what);
          const seen = failures.get(key);
          if (seen) seen.count++;
          else failures.set(key, { ...f, sent, count: 1, copies: c.copies });
        }
      };
      try {
        await fc.assert(
          fc.asyncProperty(anyCase, async (c) => {
            // Failures are collected, never thrown: fast-check would print the case,
            // and a case nested thousands of levels deep overflows its printer.
            try {
              if (++n % REFRESH === 0) fixture = await makeFixture(app, fixture);
              await run(c);
            } catch (error) {
              const key = `${c.operationId}: the fuzzer threw ${String(error).slice(0, 100)}`;
              failures.set(key, {
                what: key,
                sent: { method: c.method, url: c.template, headers: {} },
                status: 0,
                text: String((error as Error)?.stack ?? error).slice(0, 1000),
                count: (failures.get(key)?.count ?? 0) + 1,
                copies: c.copies,
              });
            }
          }),
          {
            seed: SEED,
            numRuns: RUNS,
            ...(MINUTES > 0
              ? { interruptAfterTimeLimit: MINUTES * 60_000, markInterruptAsFailure: false }
              : {}),
          },
        );
      } finally {
        await app.close();
        await onnx.close();
      }
      console.log(
        `fuzz [${backend}]: ${n} requests (${
          [...byStatus].sort().map(([k, v]) => `${k} ${v}`).join(", ")
        }), ${failures.size} distinct failures`,
      );
      console.log(
        `slowest operations (total ms): ${
          [...time].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([op, ms]) =>
            `${op} ${ms.toFixed(0)}`
          )
            .join(", ")
        }`,
      );
      const report = [...failures.entries()].map(([key, f]) =>
        `${key} (×${f.count})\n  ${f.copies > 1 ? `${f.copies} at once: ` : ""}${f.sent.method} ${
          f.sent.url.slice(0, 300)
        }\n  headers ${JSON.stringify(f.sent.headers).slice(0, 300)}\n  body ${
          (f.sent.body ?? "").slice(0, 300)
        }\n  → ${f.status} ${f.text.slice(0, 400)}`
      );
      assert.equal(failures.size, 0, `seed ${SEED}:\n${report.join("\n")}`);
    },
  });
}
