/**
 * SIGKILL during ask/tell on a PostgreSQL server, then a restart: every
 * acknowledged completion is there, nothing is duplicated or half-written,
 * and the study carries on. Also: SIGTERM finishes requests in flight.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { lockStudy, openTestDatabase, type StudyLock } from "./support/db.ts";
import { ADMIN_KEY, studyBody } from "./support/harness.ts";
import { call, startService } from "./support/server.ts";
import { pollUntil, withDeadline } from "./support/wait.ts";

Deno.test({
  name: "SIGKILL under load loses no acknowledged result [postgres]",
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
      const enough = Promise.withResolvers<void>();
      const acknowledge = (trialId: string, value: number) => {
        acknowledged.set(trialId, value);
        if (acknowledged.size >= 200) enough.resolve();
      };
      let refused: string | undefined;
      let stop = false;
      const worker = async (w: number) => {
        for (let round = 0; !stop; round++) {
          try {
            const r = await call(service.url, key, "POST", `/v1/studies/${study}/trials/suggest`, {
              count: 2,
              clientId: `w${w}`,
            });
            if (r.status !== 200) {
              refused = `suggest: ${r.status} ${JSON.stringify(r.body)}`;
              continue;
            }
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
            if (a.status === 200) acknowledge(one.trialId, one.values.value);
            else refused = `complete: ${a.status} ${JSON.stringify(a.body)}`;
            const b = await call(service.url, key, "POST", `/v1/studies/${study}/trials/complete`, {
              items,
            });
            if (b.status === 200) {
              for (const it of items) acknowledge(it.trialId, it.values.value);
            } else refused = `complete (batch): ${b.status} ${JSON.stringify(b.body)}`;
          } catch {
            return; // the service is gone
          }
        }
      };
      const workers = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
      // 200 acknowledgements, or a failure that says why they did not come: the
      // workers gave up (the service went away), or made no headway at all.
      const progress = () =>
        `${acknowledged.size} of 200 completions acknowledged; last refusal: ${refused}; ` +
        `the service printed:\n${service.output()}`;
      try {
        await withDeadline(
          Promise.race([
            enough.promise,
            workers.then(() => {
              throw new Error(`the workers stopped: ${progress()}`);
            }),
          ]),
          progress,
        );
      } finally {
        const status = await service.stop("SIGKILL");
        stop = true;
        await workers;
        assert.equal(status.signal, "SIGKILL");
      }
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
  async fn() {
    const database = await openTestDatabase("postgres");
    try {
      // At info level the service logs when it starts shutting down.
      const service = await startService({ DATABASE_URL: database.url!, LOG_LEVEL: "info" });
      let lock: StudyLock | undefined;
      try {
        const project = await call(service.url, ADMIN_KEY, "POST", "/v1/projects", {
          name: "term",
        });
        const key =
          (await call(service.url, ADMIN_KEY, "POST", `/v1/projects/${project.body.id}/keys`, {
            name: "k",
          })).body.key;
        const study = (await call(service.url, key, "POST", "/v1/studies", studyBody())).body.id;
        // The test holds the study's row lock: the suggestion cannot finish
        // before the test lets it.
        lock = await lockStudy(database.url!, study);
        let answered = false;
        // status 0: the connection failed (the service dropped the request).
        const inFlight = call(service.url, key, "POST", `/v1/studies/${study}/trials/suggest`, {
          count: 1000,
        }).catch((e) => ({ status: 0, body: String(e) })).finally(() => (answered = true));
        // In flight at the server: its backend waits for the test's lock.
        const blocked = await pollUntil(
          async () => (await lock!.waiting()).find((b) => b.blockedBy.includes(lock!.pid)),
          inFlight,
        );
        if (!blocked) {
          assert.fail(`the suggestion never reached the lock: ${JSON.stringify(await inFlight)}`);
        }
        service.process.kill("SIGTERM");
        // The service has handled the signal and stopped accepting connections,
        // while the suggestion is still unanswered.
        await withDeadline(
          service.waitForOutput(/"msg":"shutting down"/),
          () => `no shutdown logged:\n${service.output()}`,
        );
        const refused = await withDeadline(
          pollUntil(async () => {
            try {
              const r = await fetch(`${service.url}/healthz`);
              await r.body?.cancel();
              return undefined;
            } catch {
              return true;
            }
          }, service.exited),
          () => `the service still accepts connections:\n${service.output()}`,
        );
        assert.equal(refused, true, `the service exited:\n${service.output()}`);
        assert.equal(answered, false, "the suggestion was answered before the lock was released");
        await lock.release();
        const reply = await withDeadline(inFlight, () => `no reply:\n${service.output()}`);
        assert.equal(
          reply.status,
          200,
          `the request in flight was dropped: ${JSON.stringify(reply.body)}`,
        );
        assert.deepEqual(
          reply.body.trials.map((t: { number: number }) => t.number),
          Array.from({ length: 1000 }, (_, i) => i),
        );
        const status = await withDeadline(
          service.exited,
          () => `still running:\n${service.output()}`,
        );
        assert.equal(status.code, 0, service.output());
        assert.match(service.output(), /"msg":"stopped"/);
      } finally {
        await lock?.release();
        await service.stop("SIGKILL");
      }
    } finally {
      await database.close();
    }
  },
});
