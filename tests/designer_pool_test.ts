/**
 * CPU-heavy designers run in workers: while one study's GP suggestion is
 * being computed, other studies' requests are answered.
 */
import assert from "node:assert/strict";
import { DesignerPool } from "../src/algorithms/remote/mod.ts";
import { createApp } from "../src/app.ts";
import { createLogger } from "../src/log.ts";
import { testBackends } from "./support/db.ts";
import { DesignerLatch, FAULTY_WORKER_URL, SEED_HOLD } from "./support/faulty_designers.ts";
import { ADMIN_KEY, describeOnBackends, studyBody } from "./support/harness.ts";

const TEN = {
  parameters: Array.from(
    { length: 10 },
    (_, i) => ({ name: `x${i}`, type: "float", min: 0, max: 1 }),
  ),
};

describeOnBackends(
  "designer workers",
  testBackends(),
  async (t, app) => {
    // The test worker: every algorithm as usual, but gp-bo with SEED_HOLD waits at each
    // suggest until the latch releases it.
    const pool = new DesignerPool(1, { workerUrl: FAULTY_WORKER_URL });
    const latch = new DesignerLatch();
    let offset = 0;
    const pooledApp = () =>
      createApp({
        database: app.database,
        logger: createLogger("silent"),
        adminKey: ADMIN_KEY,
        designers: pool,
        now: () => new Date(Date.now() + offset),
      });
    const pooled = pooledApp();
    const callOn =
      (target: typeof pooled) => async (method: string, path: string, body?: unknown) => {
        const r = await target.request(path, {
          method,
          headers: {
            authorization: `Bearer ${app.projectKey}`,
            "content-type": "application/json",
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: r.status, body: await r.json() };
      };
    const call = callOn(pooled);
    try {
      await t.step(
        "gp-bo through a worker gives the same points as on the event loop",
        async () => {
          const body = studyBody({
            space: TEN,
            algorithm: { name: "gp-bo", seed: 3, config: { candidates: 256 } },
          });
          const ids = [
            (await call("POST", "/v1/studies", body)).body.id,
            (await app.request("POST", "/v1/studies", { ...body, name: `${body.name}-1` })).body.id,
          ];
          const points: unknown[][] = [[], []];
          for (let round = 0; round < 4; round++) {
            for (
              const [k, send] of [call, (m: string, p: string, b?: unknown) => app.request(m, p, b)]
                .entries()
            ) {
              const r = await send("POST", `/v1/studies/${ids[k]}/trials/suggest`, { count: 6 });
              assert.equal(r.status, 200, JSON.stringify(r.body));
              const items = r.body.trials.map(
                (x: { id: string; params: Record<string, number> }) => {
                  points[k].push(x.params);
                  return {
                    trialId: x.id,
                    values: {
                      value: Object.values(x.params).reduce((a, v) => a + (v - 0.3) ** 2, 0),
                    },
                  };
                },
              );
              await send("POST", `/v1/studies/${ids[k]}/trials/complete`, { items });
            }
          }
          assert.deepEqual(points[0], points[1]);
          // The recommendation (computed in a worker for the pooled app) is an evaluated point
          // and the same on both apps.
          const best = [
            (await call("GET", `/v1/studies/${ids[0]}/trials/best`)).body,
            (await app.request("GET", `/v1/studies/${ids[1]}/trials/best`)).body,
          ];
          assert.ok(best[0].recommendation, JSON.stringify(best[0]));
          assert.deepEqual(best[0].recommendation, best[1].recommendation);
          const values = points[0].map((p) =>
            Object.values(p as Record<string, number>).reduce((a, v) => a + (v - 0.3) ** 2, 0)
          );
          const observed = best[0].recommendation.details.observedValue;
          assert.ok(values.some((v) => Math.abs(v - observed) < 1e-12), `${observed}`);
        },
      );

      await t.step("other studies are answered while a GP suggestion is computed", async () => {
        const gp = (await call(
          "POST",
          "/v1/studies",
          studyBody({ space: TEN, algorithm: { name: "gp-bo", seed: SEED_HOLD } }),
        )).body.id;
        const other = (await call("POST", "/v1/studies", studyBody())).body.id;
        let settled = false;
        const heavy = call("POST", `/v1/studies/${gp}/trials/suggest`, { count: 1 }).finally(() => {
          settled = true;
        });
        // The GP suggestion is being computed in its worker now, and holds there.
        await latch.next("started");
        for (let i = 0; i < 5; i++) {
          const [trial] =
            (await call("POST", `/v1/studies/${other}/trials/suggest`, {})).body.trials;
          const done = await call("POST", `/v1/studies/${other}/trials/${trial.id}/complete`, {
            values: { value: i },
          });
          assert.equal(done.status, 200);
        }
        assert.equal(
          settled,
          false,
          "the GP suggestion finished before the other study was served",
        );
        latch.release();
        const answer = await heavy;
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.equal(answer.body.trials.length, 1);
      });

      await t.step(
        "points prepared outside the transaction serve STALE points first, as on the event loop",
        async () => {
          const body = studyBody({
            space: TEN,
            algorithm: { name: "gp-bo", seed: 5, config: { candidates: 128, initialDesign: 4 } },
            settings: { leaseSeconds: 60 },
          });
          const ids = [
            (await call("POST", "/v1/studies", body)).body.id,
            (await app.request("POST", "/v1/studies", { ...body, name: `${body.name}-1` })).body.id,
          ];
          const sends = [call, (m: string, p: string, b?: unknown) => app.request(m, p, b)];
          const seen: unknown[][] = [[], []];
          for (const k of [0, 1]) {
            const send = sends[k];
            const first = (await send("POST", `/v1/studies/${ids[k]}/trials/suggest`, { count: 6 }))
              .body.trials;
            // Four reported, two left to go stale.
            await send("POST", `/v1/studies/${ids[k]}/trials/complete`, {
              items: first.slice(0, 4).map((x: { id: string; params: Record<string, number> }) => ({
                trialId: x.id,
                values: { value: Object.values(x.params).reduce((a, v) => a + (v - 0.6) ** 2, 0) },
              })),
            });
            seen[k].push(...first.map((x: { params: unknown }) => x.params));
          }
          offset += 120_000;
          app.advance(120);
          for (const k of [0, 1]) {
            const r = await sends[k]("POST", `/v1/studies/${ids[k]}/trials/suggest`, { count: 3 });
            assert.equal(r.status, 200, JSON.stringify(r.body));
            assert.equal(r.body.trials.length, 3);
            seen[k].push(...r.body.trials.map((x: { params: unknown }) => x.params));
          }
          // The two stale points come back first, then one new point from the GP.
          assert.deepEqual(seen[0].slice(6, 8), seen[0].slice(4, 6));
          assert.deepEqual(seen[0], seen[1]);
        },
      );

      await t.step(
        "a REQUESTED point counts as pending for prepared points: never handed out twice",
        async () => {
          const body = studyBody({
            space: TEN,
            algorithm: { name: "gp-bo", seed: 11, config: { candidates: 128, initialDesign: 4 } },
          });
          const sends = [
            call,
            (m: string, p: string, b?: unknown) => app.request(m, p, b),
            (m: string, p: string, b?: unknown) => app.request(m, p, b),
          ];
          const ids: string[] = [];
          for (const [k, send] of sends.entries()) {
            ids.push(
              (await send("POST", "/v1/studies", { ...body, name: `${body.name}-${k}` })).body.id,
            );
          }
          for (const [k, send] of sends.entries()) {
            const design = (await send("POST", `/v1/studies/${ids[k]}/trials/suggest`, {
              count: 6,
            })).body.trials;
            await send("POST", `/v1/studies/${ids[k]}/trials/complete`, {
              items: design.map((x: { id: string; params: Record<string, number> }) => ({
                trialId: x.id,
                values: { value: Object.values(x.params).reduce((a, v) => a + (v - 0.2) ** 2, 0) },
              })),
            });
          }
          // The next GP point, from the third study; the first two get it as a REQUESTED trial.
          const [next] = (await sends[2]("POST", `/v1/studies/${ids[2]}/trials/suggest`, {}))
            .body.trials;
          const answers = [];
          for (const k of [0, 1]) {
            const made = await sends[k]("POST", `/v1/studies/${ids[k]}/trials`, {
              params: next.params,
            });
            assert.equal(made.status, 201, JSON.stringify(made.body));
            const r = await sends[k]("POST", `/v1/studies/${ids[k]}/trials/suggest`, { count: 2 });
            assert.equal(r.status, 200, JSON.stringify(r.body));
            answers.push(r.body.trials.map((x: { params: unknown }) => x.params));
          }
          assert.deepEqual(answers[0][0], next.params);
          assert.notDeepEqual(answers[0][1], answers[0][0], "the REQUESTED point again");
          assert.deepEqual(answers[0], answers[1]);
        },
      );

      await t.step(
        "two service instances preparing at once: one redoes its batch, no trial is handed twice",
        async () => {
          const second = pooledApp();
          const other = callOn(second);
          const id = (await call(
            "POST",
            "/v1/studies",
            studyBody({
              space: TEN,
              algorithm: { name: "gp-bo", seed: SEED_HOLD, config: { initialDesign: 2 } },
            }),
          )).body.id;
          latch.autoRelease = true;
          const design = (await call("POST", `/v1/studies/${id}/trials/suggest`, { count: 8 })).body
            .trials;
          await call("POST", `/v1/studies/${id}/trials/complete`, {
            items: design.map((x: { id: string; params: Record<string, number> }) => ({
              trialId: x.id,
              values: { value: Object.values(x.params).reduce((a, v) => a + v, 0) },
            })),
          });
          const redos = async () => {
            let n = 0;
            for (const target of [pooled, second]) {
              const text = await (await target.request("/metrics")).text();
              const line = text.split("\n").find((l) =>
                l.startsWith("minima_designer_prepared_redos_total ")
              )!;
              n += Number(line.split(" ")[1]);
            }
            return n;
          };
          const before = await redos();
          // Both instances compute their points from the same state before either commits
          // (each holds in the worker until both have started); then one must redo its batch.
          latch.autoRelease = false;
          const pending = [call, other, call, other].map((send, i) =>
            send("POST", `/v1/studies/${id}/trials/suggest`, { count: 2, clientId: `w${i}` })
          );
          await latch.next("started");
          await latch.next("started");
          latch.autoRelease = true;
          latch.release();
          const answers = await Promise.all(pending);
          latch.autoRelease = false;
          assert.ok(await redos() > before, "no instance redid its batch");
          const trials = answers.flatMap((a) => {
            assert.equal(a.status, 200, JSON.stringify(a.body));
            return a.body.trials as { id: string; number: number; params: unknown }[];
          });
          assert.equal(trials.length, 8);
          assert.equal(new Set(trials.map((x) => x.id)).size, 8);
          assert.equal(new Set(trials.map((x) => x.number)).size, 8);
          assert.equal(new Set(trials.map((x) => JSON.stringify(x.params))).size, 8);
          const listed = await call("GET", `/v1/studies/${id}/trials?state=ACTIVE`);
          assert.equal(listed.body.items.length, 8);
        },
      );
    } finally {
      latch.close();
      pool.close();
    }
  },
);
