/**
 * SIGKILL during ask/tell on a PostgreSQL server, then a restart: every
 * acknowledged completion is there, nothing is duplicated or half-written,
 * and the study carries on. Also: SIGTERM finishes requests in flight.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { openTestDatabase } from "./support/db.ts";
import { ADMIN_KEY, studyBody } from "./support/harness.ts";
import { call, startService } from "./support/server.ts";

Deno.test({
  name: "SIGKILL under load loses no acknowledged result [postgres]",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const database = await openTestDatabase("postgres");
    try {
      const env = { DATABASE_URL: database.url! };
      let service = await startService(env);
      const project = await call(service.url, ADMIN_KEY, "POST", "/v1/projects", { name: "crash" });
      const key =
        (await call(service.url, ADMIN_KEY, "POST", `/v1/projects/${project.body.id}/keys`, {
          name: "k",
        })).body.key;
      const study = (await call(
        service.url,
        key,
        "POST",
        "/v1/studies",
        studyBody({
          algorithm: { name: "sobol", config: {}, seed: 7 },
        }),
      )).body.id;

      const acknowledged = new Map<string, number>();
      let stop = false;
      const worker = async (w: number) => {
        for (let round = 0; !stop; round++) {
          try {
            const r = await call(service.url, key, "POST", `/v1/studies/${study}/trials/suggest`, {
              count: 2,
              clientId: `w${w}`,
            });
            if (r.status !== 200) continue;
            const items = r.body.trials.map((t: { id: string }, i: number) => ({
              trialId: t.id,
              values: { value: w * 1e6 + round * 10 + i },
            }));
            const one = items.shift();
            const a = await call(
              service.url,
              key,
              "POST",
              `/v1/studies/${study}/trials/${one.trialId}/complete`,
              {
                values: one.values,
              },
            );
            if (a.status === 200) acknowledged.set(one.trialId, one.values.value);
            const b = await call(service.url, key, "POST", `/v1/studies/${study}/trials/complete`, {
              items,
            });
            if (b.status === 200) {
              for (const it of items) acknowledged.set(it.trialId, it.values.value);
            }
          } catch {
            return; // the service is gone
          }
        }
      };
      const workers = Array.from({ length: 8 }, (_, w) => worker(w));
      while (acknowledged.size < 200) await new Promise((r) => setTimeout(r, 20));
      const status = await service.stop("SIGKILL");
      stop = true;
      await Promise.all(workers);
      assert.equal(status.signal, "SIGKILL");
      assert.ok(acknowledged.size >= 200);

      service = await startService(env);
      try {
        const sql = postgres(database.url!, { max: 1, onnotice: () => {} });
        const rows =
          await sql`SELECT id, number, state, "values", objective FROM trials WHERE study_id = ${study}`;
        const [{ next_trial_number: next }] =
          await sql`SELECT next_trial_number FROM studies WHERE id = ${study}`;
        await sql.end();
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const [id, value] of acknowledged) {
          const row = byId.get(id);
          assert.ok(row, `acknowledged trial ${id} is missing`);
          assert.equal(row.state, "COMPLETED");
          assert.equal(row.values.value, value);
          assert.equal(row.objective, value);
        }
        const numbers = rows.map((r) => r.number).sort((a, b) => a - b);
        assert.deepEqual(
          numbers,
          Array.from({ length: numbers.length }, (_, i) => i),
          "numbers are 0..n-1",
        );
        assert.equal(next, numbers.length, "the study's counter matches its trials");
        for (const r of rows) {
          const finished = r.state === "COMPLETED";
          assert.equal(finished, r.values !== null, `trial ${r.number} is half-written`);
          assert.equal(finished, r.objective !== null, `trial ${r.number} is half-written`);
        }
        const more = await call(service.url, key, "POST", `/v1/studies/${study}/trials/suggest`, {
          count: 3,
        });
        assert.equal(more.status, 200);
        assert.deepEqual(more.body.trials.map((t: { number: number }) => t.number), [
          numbers.length,
          numbers.length + 1,
          numbers.length + 2,
        ]);
      } finally {
        await service.stop();
      }
    } finally {
      await database.close();
    }
  },
});

Deno.test({
  name: "SIGTERM finishes requests in flight, then exits 0 [postgres]",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const database = await openTestDatabase("postgres");
    try {
      const service = await startService({ DATABASE_URL: database.url! });
      const project = await call(service.url, ADMIN_KEY, "POST", "/v1/projects", { name: "term" });
      const key =
        (await call(service.url, ADMIN_KEY, "POST", `/v1/projects/${project.body.id}/keys`, {
          name: "k",
        })).body.key;
      const study = (await call(service.url, key, "POST", "/v1/studies", studyBody())).body.id;
      // status 0: the request reached the port only after the listener closed.
      const inFlight = call(service.url, key, "POST", `/v1/studies/${study}/trials/suggest`, {
        count: 1000,
      }).catch((e) => ({ status: 0, body: String(e) }));
      await new Promise((r) => setTimeout(r, 5));
      const status = await service.stop("SIGTERM");
      const reply = await inFlight;
      assert.equal(status.code, 0);
      if (reply.status !== 0) assert.equal(reply.status, 200);
      await assert.rejects(fetch(`${service.url}/healthz`));
    } finally {
      await database.close();
    }
  },
});
