/**
 * The TypeScript client (clients/typescript) against the real service: the
 * app served over HTTP on a real database, driven only through the client,
 * and checked from the server's side (trials read back by the harness). A
 * wrong body must fail type checking: the `@ts-expect-error` lines below
 * fail `deno check` when they stop being errors. Its contract with the
 * document and the README: ./client_typescript_contract_test.ts.
 */
import assert from "node:assert/strict";
import {
  createMinimaClient,
  type MinimaClient,
  MinimaError,
  Study,
  type Trial,
} from "../clients/typescript/src/client.ts";
import { branin, optimizeBranin } from "../clients/typescript/examples/branin.ts";
import { createApp } from "../src/app.ts";
import { createLogger } from "../src/log.ts";
import { testBackends } from "./support/db.ts";
import { ADMIN_KEY, startTestApp } from "./support/harness.ts";
import { BRANIN_MIN, braninStudy, rejection, serve, serverTrials } from "./support/ts_client.ts";
import { pollUntil, withDeadline } from "./support/wait.ts";

for (const backend of testBackends()) {
  Deno.test(`TypeScript client over HTTP [${backend}]`, async (t) => {
    const app = await startTestApp(backend);
    const served = serve(app.app);
    const client = (options: Partial<Parameters<typeof createMinimaClient>[0]> = {}) =>
      createMinimaClient({ url: served.url, apiKey: app.projectKey, ...options });
    try {
      await t.step("the README's Branin example runs to a finished study", async () => {
        const name = `branin-ts-${crypto.randomUUID().slice(0, 8)}`;
        const best = await optimizeBranin(served.url, app.projectKey, name);
        // A rerun finds the study COMPLETED and answers its best without a new trial.
        const again = await optimizeBranin(served.url, app.projectKey, name);
        assert.deepEqual(again, best);
        const list = await app.expect<{ items: { id: string; state: string }[] }>(
          200,
          "GET",
          `/v1/studies?name=${name}`,
        );
        assert.deepEqual(list.body.items.length, 1);
        const study = list.body.items[0];
        assert.deepEqual(study.state, "COMPLETED");
        const trials = await serverTrials(app, study.id);
        assert.deepEqual(trials.length, 32);
        assert.ok(trials.every((trial) => trial.state === "COMPLETED"));
        // Each stored value is Branin at its params, computed here; the best is their minimum.
        let lowest = Infinity;
        for (const trial of trials) {
          const expected = branin(trial.params);
          assert.deepEqual(trial.values?.value, expected);
          lowest = Math.min(lowest, expected);
        }
        assert.ok(best !== null);
        assert.deepEqual(best.values?.value, lowest);
        // Honest bounds: never below the global minimum; the README says these 32 Sobol points
        // (seed 1) get to 2.03.
        assert.ok(lowest >= BRANIN_MIN && lowest <= 2.05, `best ${lowest}`);
      });

      await t.step(
        "getOrCreate twice is one study; another definition is a 409 MinimaError",
        async () => {
          const minima = client();
          const definition = braninStudy();
          const first = await Study.getOrCreate(minima, definition);
          const again = await Study.getOrCreate(minima, definition);
          assert.deepEqual(again.id, first.id);
          const list = await app.expect<{ items: unknown[] }>(
            200,
            "GET",
            `/v1/studies?name=${definition.name}`,
          );
          assert.deepEqual(list.body.items.length, 1);
          const changed = {
            ...definition,
            space: { parameters: [{ name: "x1", type: "float" as const, min: -5, max: 11 }] },
          };
          const error = await rejection(() => Study.getOrCreate(minima, changed), MinimaError);
          assert.deepEqual(error.status, 409);
          assert.deepEqual(error.title, "Conflict");
          assert.ok(error.detail.includes(first.id), error.detail);
          assert.ok(
            error.errors.some((e) => e.field.startsWith("space")),
            JSON.stringify(error.errors),
          );
        },
      );

      await t.step(
        "withTrial fails the trial when the evaluation throws, and throws on",
        async () => {
          const study = await Study.getOrCreate(client(), braninStudy());
          let seen: Trial | undefined;
          const boom = new Error("diverged at step 3");
          const thrown = await rejection(() =>
            study.withTrial((trial) => {
              seen = trial;
              throw boom;
            }), Error);
          assert.ok(thrown === boom);
          assert.ok(seen);
          const r = await app.expect<Trial>(
            200,
            "GET",
            `/v1/studies/${study.id}/trials/${seen.id}`,
          );
          assert.deepEqual(r.body.state, "FAILED");
          assert.deepEqual(r.body.reason, "Error: diverged at step 3");
        },
      );

      await t.step(
        "withTrial fails the trial when the service refuses the result (NaN: 422)",
        async () => {
          const study = await Study.getOrCreate(client(), braninStudy());
          let seen: Trial | undefined;
          const refused = await rejection(() =>
            study.withTrial((trial) => {
              seen = trial;
              return NaN;
            }), MinimaError);
          assert.deepEqual(refused.status, 422);
          assert.ok(seen);
          const r = await app.expect<Trial>(
            200,
            "GET",
            `/v1/studies/${study.id}/trials/${seen.id}`,
          );
          assert.deepEqual(r.body.state, "FAILED");
          assert.ok(r.body.reason?.startsWith("MinimaError: 422 "), r.body.reason ?? "");
        },
      );

      await t.step(
        "withTrial heartbeats while the evaluation runs (the lease moves on)",
        async () => {
          const beats: (string | null)[] = [];
          const watching = (request: Request) => {
            if (request.url.endsWith("/heartbeat")) {
              beats.push(request.headers.get("idempotency-key"));
            }
            return fetch(request);
          };
          const study = await Study.getOrCreate(
            client({ fetch: watching }),
            braninStudy({ settings: { leaseSeconds: 600 } }),
          );
          const done = await study.withTrial(async (trial) => {
            const first = Date.parse(trial.leaseExpiresAt!);
            // The server's view of the lease, until a heartbeat has pushed it past the first one.
            const extended = await withDeadline(
              pollUntil(async () => {
                const r = await app.expect<Trial>(
                  200,
                  "GET",
                  `/v1/studies/${study.id}/trials/${trial.id}`,
                );
                return Date.parse(r.body.leaseExpiresAt!) > first ? r.body : undefined;
              }, new Promise(() => {})),
              () => "no heartbeat moved the lease",
            );
            assert.deepEqual(extended?.state, "ACTIVE");
            return 1.5;
          }, { heartbeatSeconds: 0.05 });
          assert.deepEqual(done.state, "COMPLETED");
          assert.deepEqual(done.values, { value: 1.5 });
          // Idempotent by nature, a heartbeat carries no Idempotency-Key (as in Python).
          assert.ok(beats.length > 0 && beats.every((key) => key === null), String(beats));
        },
      );

      await t.step(
        "a POST whose answer was lost is retried with the same Idempotency-Key",
        async () => {
          const sent: { path: string; key: string | null }[] = [];
          const replayed: string[] = [];
          const dropped = new Set<string>();
          // Lets the server handle the first suggest and the first completion, then loses the answer.
          const lossy = async (request: Request) => {
            const path = new URL(request.url).pathname;
            sent.push({ path, key: request.headers.get("idempotency-key") });
            const response = await fetch(request);
            const kind = path.endsWith("/suggest")
              ? "suggest"
              : path.endsWith("/complete")
              ? "complete"
              : "";
            if (response.headers.get("idempotent-replayed") === "true") replayed.push(kind);
            if (kind && !dropped.has(kind)) {
              dropped.add(kind);
              await response.body?.cancel();
              throw new TypeError("connection reset (the test dropped the answer)");
            }
            return response;
          };
          const study = await Study.getOrCreate(
            client({ fetch: lossy, retry: { baseDelayMs: 1 } }),
            braninStudy(),
          );
          const [trial] = await study.ask(1);
          await study.tell(trial, 4.2);
          for (const kind of ["suggest", "complete"]) {
            const tries = sent.filter((s) => s.path.endsWith(`/${kind}`));
            assert.deepEqual(tries.length, 2, kind);
            assert.ok(tries[0].key !== null && tries[0].key === tries[1].key, kind);
          }
          assert.deepEqual(replayed, ["suggest", "complete"]);
          const trials = await serverTrials(app, study.id);
          assert.deepEqual(trials.length, 1);
          assert.deepEqual(trials[0].id, trial.id);
          assert.deepEqual(trials[0].values, { value: 4.2 });
          // A client without retries gets the network failure as a MinimaError of status 0.
          const once = client({ fetch: lossy, retry: { attempts: 1 } });
          dropped.delete("suggest");
          const error = await rejection(
            () => Study.get(once, study.id).then((s) => s.ask(1)),
            MinimaError,
          );
          assert.deepEqual(error.status, 0);
          assert.ok(error.cause instanceof TypeError);
        },
      );

      await t.step("a 429 is waited out (Retry-After) and retried", async () => {
        // The same database behind an app whose key may make one request, then one a second.
        const limited = createApp({
          database: app.database,
          logger: createLogger("silent"),
          adminKey: ADMIN_KEY,
          rateLimits: { perKey: { rate: 1, burst: 1 } },
        });
        const server = serve(limited);
        try {
          const statuses: number[] = [];
          const watching = async (request: Request) => {
            const response = await fetch(request);
            statuses.push(response.status);
            return response;
          };
          const minima = createMinimaClient({
            url: server.url,
            apiKey: app.projectKey,
            fetch: watching,
          });
          const study = await Study.getOrCreate(minima, braninStudy());
          const trials = await study.ask(2);
          assert.deepEqual(trials.length, 2);
          assert.ok(statuses.includes(429), JSON.stringify(statuses));
          assert.deepEqual(statuses.at(-1), 200);
          // Without retries the refusal is a MinimaError naming the limit.
          const once = createMinimaClient({
            url: server.url,
            apiKey: app.projectKey,
            retry: { attempts: 1 },
          });
          const refused = await rejection(
            async () => {
              await Study.get(once, study.id);
              await Study.get(once, study.id);
            },
            MinimaError,
          );
          assert.deepEqual(refused.status, 429);
        } finally {
          await server.stop();
        }
      });

      await t.step("batches: ask(count) and tellMany report in one request", async () => {
        const study = await Study.getOrCreate(client(), braninStudy());
        const trials = await study.ask(5);
        assert.deepEqual(trials.length, 5);
        assert.deepEqual(new Set(trials.map((trial) => trial.id)).size, 5);
        await study.tellMany(trials.map((trial, i) => ({ trial, result: { value: i } })));
        const stored = await serverTrials(app, study.id);
        assert.deepEqual(stored.length, 5);
        assert.ok(stored.every((trial) => trial.state === "COMPLETED"));
        const best = await study.best();
        assert.deepEqual(best?.values, { value: 0 });
        assert.deepEqual(best?.id, trials[0].id);
        const top = await study.bestTrials(2);
        assert.deepEqual(top.map((trial) => trial.id), [trials[0].id, trials[1].id]);
        assert.deepEqual(
          (await study.trials("COMPLETED")).map((trial) => trial.id).sort(),
          stored.map((trial) => trial.id).sort(),
        );
        assert.deepEqual((await study.getTrial(trials[2].id)).values, { value: 2 });
        // ask takes 1 to 1000, as in Python; refused before any request.
        await rejection(() => study.ask(0), RangeError);
        await rejection(() => study.ask(1001), RangeError);
      });

      await t.step(
        "each client has its own clientId: parallel workers get different trials",
        async () => {
          const [a, b] = [client(), client()];
          assert.ok(a.clientId !== b.clientId);
          const definition = braninStudy();
          const [sa, sb] = await Promise.all([
            Study.getOrCreate(a, definition),
            Study.getOrCreate(b, definition),
          ]);
          const [[ta], [tb]] = await Promise.all([sa.ask(1), sb.ask(1)]);
          assert.ok(ta.id !== tb.id);
          const stored = await serverTrials(app, sa.id);
          assert.deepEqual(
            new Set(stored.map((trial) => trial.clientId)),
            new Set([a.clientId, b.clientId]),
          );
        },
      );

      await t.step(
        "problems are MinimaErrors naming the field; the key shows nowhere",
        async () => {
          const minima = client();
          const bad = braninStudy({
            space: { parameters: [{ name: "x1", type: "float", min: 10, max: -5 }] },
          });
          const error = await rejection(() => Study.getOrCreate(minima, bad), MinimaError);
          assert.deepEqual(error.status, 422);
          assert.ok(error.errors.some((e) => e.field === "space.parameters[0].max"), error.message);
          const study = await Study.getOrCreate(minima, braninStudy());
          const wrongKey = "mk_not-a-key-0123456789";
          const denied = await rejection(
            () => Study.get(createMinimaClient({ url: served.url, apiKey: wrongKey }), study.id),
            MinimaError,
          );
          assert.deepEqual(denied.status, 401);
          for (
            const shown of [
              Deno.inspect(minima, { depth: Infinity, showHidden: true }),
              Deno.inspect(study, { depth: Infinity, showHidden: true }),
              JSON.stringify(study),
              String(minima),
              Deno.inspect(error, { depth: Infinity }),
              Deno.inspect(denied, { depth: Infinity }),
              String(denied),
            ]
          ) {
            assert.ok(!shown.includes(app.projectKey), shown.slice(0, 200));
            assert.ok(!shown.includes(wrongKey), shown.slice(0, 200));
          }
        },
      );

      await t.step("the typed client refuses wrong bodies at type-check time", async () => {
        const minima: MinimaClient = client();
        const study = await Study.getOrCreate(minima, braninStudy());
        const answer = await minima.POST("/v1/studies/{studyId}/trials/suggest", {
          params: { path: { studyId: study.id } },
          // @ts-expect-error: count is a number
          body: { count: "2" },
        });
        // The service refuses it too, naming the field.
        assert.deepEqual(answer.response.status, 422);
        assert.ok(JSON.stringify(answer.error).includes('"count"'));
        const typeChecksOnly = () => {
          Study.getOrCreate(minima, {
            name: "n",
            // @ts-expect-error: a goal is "minimize" or "maximize"
            objective: { metrics: [{ name: "v", goal: "min" }] },
          });
          // @ts-expect-error: no such path
          minima.GET("/v1/studys");
          // @ts-expect-error: tell takes a number, metric values or a completeTrial body
          study.tell("id", "0.4");
        };
        assert.ok(typeof typeChecksOnly === "function");
      });
    } finally {
      await served.stop();
      await app.close();
    }
  });
}
