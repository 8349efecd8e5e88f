/**
 * CPU-heavy designers run in workers: while one study's GP suggestion is
 * being computed, other studies' requests are answered.
 */
import assert from "node:assert/strict";
import { DesignerPool } from "../src/algorithms/remote/mod.ts";
import { createApp } from "../src/app.ts";
import { createLogger } from "../src/log.ts";
import { testBackends } from "./support/db.ts";
import { ADMIN_KEY, describeOnBackends, studyBody } from "./support/harness.ts";

const TEN = {
  parameters: Array.from(
    { length: 10 },
    (_, i) => ({ name: `x${i}`, type: "float", min: 0, max: 1 }),
  ),
};

describeOnBackends(
  "designer workers",
  testBackends().filter((b) => b === "postgres"),
  async (t, app) => {
    const pool = new DesignerPool(1);
    const pooled = createApp({
      database: app.database,
      logger: createLogger("silent"),
      adminKey: ADMIN_KEY,
      designers: pool,
    });
    const call = async (method: string, path: string, body?: unknown) => {
      const r = await pooled.request(path, {
        method,
        headers: { authorization: `Bearer ${app.projectKey}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, body: await r.json() };
    };
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
            (await app.request("POST", "/v1/studies", body)).body.id,
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
          studyBody({ space: TEN, algorithm: { name: "gp-bo", seed: 1 } }),
        )).body.id;
        const design =
          (await call("POST", `/v1/studies/${gp}/trials/suggest`, { count: 300 })).body.trials;
        await call("POST", `/v1/studies/${gp}/trials/complete`, {
          items: design.map((x: { id: string; params: Record<string, number> }) => ({
            trialId: x.id,
            values: { value: Object.values(x.params).reduce((a, v) => a + Math.sin(7 * v), 0) },
          })),
        });
        const other = (await call("POST", "/v1/studies", studyBody())).body.id;
        const order: string[] = [];
        const heavy = call("POST", `/v1/studies/${gp}/trials/suggest`, { count: 1 }).then((r) => {
          order.push("gp");
          return r;
        });
        await new Promise((r) => setTimeout(r, 50));
        for (let i = 0; i < 5; i++) {
          const [trial] =
            (await call("POST", `/v1/studies/${other}/trials/suggest`, {})).body.trials;
          const done = await call("POST", `/v1/studies/${other}/trials/${trial.id}/complete`, {
            values: { value: i },
          });
          assert.equal(done.status, 200);
        }
        order.push("other");
        assert.equal((await heavy).status, 200);
        assert.deepEqual(order, ["other", "gp"], "the other study waited for the GP fit");
      });
    } finally {
      pool.close();
    }
  },
);
