/**
 * A study that learns from rounds (sso) has no space and no trials: every
 * trial operation that would write (createTrial, suggestTrials through the
 * queue and with an Idempotency-Key, completeTrial, completeTrials,
 * failTrial, heartbeatTrial) answers one 409 naming the rounds protocol and
 * writes nothing (no trial, no feedback, no idempotency key, the study's row
 * untouched), on both backends. The reads answer what is true of such a
 * study: no trials, no best trial, no recommendation, an export without
 * rows. Studies driven by trials are not affected, and the study's rounds
 * still work after the refusals.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { query } from "../src/db/client.ts";
import { testBackends } from "./support/db.ts";
import { describeOnBackends, type Reply, type TestApp } from "./support/harness.ts";

const studyPath = (id: string) => `/v1/studies/${id}`;

/** Everything a trial operation could write for `studyId`, as comparable text. */
async function footprint(app: TestApp, studyId: string): Promise<string> {
  const [row] = await query<Record<string, unknown>>(
    app.database.db,
    sql`SELECT s.algorithm_state::text AS state, s.algorithm_state_version AS version,
          s.next_trial_number AS next, s.updated_at::text AS updated, s.state AS study_state,
          (SELECT count(*) FROM trials t WHERE t.study_id = s.id)::int AS trials,
          (SELECT count(*) FROM trial_feedback f WHERE f.study_id = s.id)::int AS feedback,
          (SELECT count(*) FROM sso_rounds r WHERE r.study_id = s.id)::int AS rounds,
          (SELECT count(*) FROM idempotency_keys)::int AS keys
        FROM studies s WHERE s.id = ${studyId}`,
  );
  assert.ok(row, `study ${studyId} is in the database`);
  return JSON.stringify(row);
}

/** A 409 conflict whose detail names the rounds protocol of `studyId`. */
function assertRefused(r: Reply, studyId: string, what: string): void {
  assert.equal(r.status, 409, `${what}: ${r.text}`);
  assert.equal(r.body.type, "urn:minima:problem:conflict", what);
  const expected = `study ${studyId} learns from rounds (algorithm sso): use ` +
    "startRound/completeRound";
  assert.ok(r.body.detail.startsWith(expected), `${what}: ${r.body.detail}`);
}

describeOnBackends("sso studies and the trial paths", testBackends(), async (t, app) => {
  const created = await app.expect<{ id: string }>(201, "POST", "/v1/studies", {
    name: `refusals-${crypto.randomUUID().slice(0, 8)}`,
    algorithm: {
      name: "sso",
      seed: 3,
      config: { model: { family: "linear", inputs: 2, outputs: 2 }, targetStepSize: 4 },
    },
  });
  const id = created.body.id;
  const path = studyPath(id);
  // A round taken and completed first, so the study has a saved θ the refusals must not touch.
  await app.expect(200, "POST", `${path}/features`, { rows: [[1, 0], [0, 1], [1, 1], [2, -1]] });
  const round = await app.expect<{ id: string; targets: number[][] }>(
    201,
    "POST",
    `${path}/rounds`,
    { batchSize: 4 },
  );
  await app.expect(200, "POST", `${path}/rounds/${round.body.id}/complete`, {
    gradient: round.body.targets.map(() => [0.25, -0.25]),
  });

  await t.step(
    "every trial write is one 409 naming the rounds protocol; nothing written",
    async () => {
      const before = await footprint(app, id);
      const someTrial = crypto.randomUUID();
      const keyed = () => ({ headers: { "idempotency-key": crypto.randomUUID() } });
      const attempts: [string, string, string, unknown, ReturnType<typeof keyed>?][] = [
        ["suggestTrials (the queue)", "POST", `${path}/trials/suggest`, { count: 1 }],
        ["suggestTrials (idempotent)", "POST", `${path}/trials/suggest`, { count: 2 }, keyed()],
        ["suggestTrials (a client)", "POST", `${path}/trials/suggest`, { count: 1, clientId: "w" }],
        ["createTrial (requested)", "POST", `${path}/trials`, { params: {} }],
        ["createTrial (with a result)", "POST", `${path}/trials`, {
          params: {},
          values: { loss: 1 },
        }, keyed()],
        ["createTrial (infeasible)", "POST", `${path}/trials`, { params: {}, infeasible: true }],
        ["completeTrial", "POST", `${path}/trials/${someTrial}/complete`, { values: { loss: 1 } }],
        ["completeTrial (idempotent)", "POST", `${path}/trials/${someTrial}/complete`, {
          values: { loss: 1 },
        }, keyed()],
        ["completeTrials", "POST", `${path}/trials/complete`, {
          items: [{ trialId: someTrial, values: { loss: 1 } }],
        }],
        ["failTrial", "POST", `${path}/trials/${someTrial}/fail`, { reason: "x" }, keyed()],
        ["heartbeatTrial", "POST", `${path}/trials/${someTrial}/heartbeat`, undefined],
        ["startRun", "POST", `${path}/runs`, { budget: 10 }],
        ["createSchedule", "POST", `${path}/schedules`, {
          cron: "0 3 * * *",
          run: { budget: 10 },
        }],
      ];
      for (const [what, method, url, body, options] of attempts) {
        assertRefused(await app.request(method, url, body, options), id, what);
      }
      // Refused before the body is checked against a space the study does not have.
      assertRefused(
        await app.request("POST", `${path}/trials`, { params: { x: 1 } }),
        id,
        "createTrial (params of no space)",
      );
      assert.equal(await footprint(app, id), before, "a refused trial operation writes nothing");
    },
  );

  await t.step("the reads answer what is true: no trials, no best, no recommendation", async () => {
    const list = await app.expect(200, "GET", `${path}/trials`);
    assert.deepEqual(list.body, { items: [], nextCursor: null });
    await app.expect(404, "GET", `${path}/trials/${crypto.randomUUID()}`);
    const best = await app.expect(200, "GET", `${path}/trials/best?limit=5`);
    assert.deepEqual(best.body, { trials: [], recommendation: null });
    const jsonl = await app.expect(200, "GET", `${path}/trials/export?format=jsonl`);
    assert.equal(jsonl.text, "");
    const csv = await app.expect(200, "GET", `${path}/trials/export?format=csv`);
    assert.equal(csv.text.split("\r\n").filter(Boolean).length, 1, "only the header");
    assert.match(csv.text, /^number,id,state,/);
  });

  await t.step("the rounds still work after the refusals", async () => {
    const next = await app.expect<{ id: string; thetaVersion: number; targets: number[][] }>(
      201,
      "POST",
      `${path}/rounds`,
      { batchSize: 2 },
    );
    assert.equal(next.body.thetaVersion, 1);
    const done = await app.expect<{ result: { thetaVersion: number } }>(
      200,
      "POST",
      `${path}/rounds/${next.body.id}/complete`,
      { gradient: next.body.targets.map(() => [0.5, -0.5]) },
    );
    assert.equal(done.body.result.thetaVersion, 2);
  });

  await t.step("studies driven by trials still take every trial operation", async () => {
    const other = await app.expect<{ id: string }>(201, "POST", "/v1/studies", {
      name: `trials-${crypto.randomUUID().slice(0, 8)}`,
      space: { parameters: [{ name: "x", type: "float", min: 0, max: 1 }] },
      objective: { metrics: [{ name: "loss", goal: "minimize" }] },
      algorithm: { name: "random", seed: 1 },
    });
    const p = studyPath(other.body.id);
    await app.expect(201, "POST", `${p}/trials`, { params: { x: 0.5 }, values: { loss: 1 } });
    const s = await app.expect<{ trials: { id: string }[] }>(200, "POST", `${p}/trials/suggest`, {
      count: 2,
    });
    const [a, b] = s.body.trials;
    await app.expect(200, "POST", `${p}/trials/${a.id}/heartbeat`);
    await app.expect(200, "POST", `${p}/trials/${a.id}/complete`, { values: { loss: 0.5 } });
    await app.expect(200, "POST", `${p}/trials/${b.id}/fail`, {});
    const best = await app.expect<{ trials: { values: { loss: number } }[] }>(
      200,
      "GET",
      `${p}/trials/best`,
    );
    assert.equal(best.body.trials[0].values.loss, 0.5);
  });
});
