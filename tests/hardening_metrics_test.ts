/**
 * /metrics hardening (issue 14, finding 5): a scrape reads the counts of
 * trials by state, kept by the transactions that change them, instead of
 * counting every trial; the counts stay exact through inserts, reports,
 * failures, expired leases and deleted studies; MINIMA_METRICS_TOKEN closes
 * the endpoint to whoever does not send it; the operators' metrics (database
 * pool, designer workers, event-loop lag, memory) are served.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { DesignerPool } from "../src/algorithms/remote/mod.ts";
import { query } from "../src/db/client.ts";
import { foldTrialStateChanges, trialGaugeStatement } from "../src/db/queries/trial_counts.ts";
import { openTestDatabase, testBackends } from "./support/db.ts";
import { describeOnBackends, startTestApp, studyBody } from "./support/harness.ts";

/** The gauge's value for `state` in a scrape. */
function gaugeOf(text: string, state: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`minima_trials{state="${state}"} `));
  assert.ok(line, `minima_trials{state="${state}"} is in /metrics`);
  return Number(line.split(" ")[1]);
}

describeOnBackends("metrics: trials by state", testBackends(), async (t, app) => {
  /** The truth: every trial counted, in its effective state. */
  const counted = async () => {
    const rows = await query<{ state: string; n: number }>(
      app.database.db,
      sql`SELECT CASE WHEN state = 'ACTIVE' AND lease_expires_at < now() THEN 'STALE'
            ELSE state END AS state, count(*)::int AS n FROM trials GROUP BY 1`,
    );
    return new Map(rows.map((r) => [r.state, Number(r.n)]));
  };
  const scrapeAgrees = async (why: string) => {
    const m = await app.request("GET", "/metrics", undefined, { key: null });
    assert.equal(m.status, 200);
    const truth = await counted();
    for (const state of ["REQUESTED", "ACTIVE", "COMPLETED", "INFEASIBLE", "FAILED", "STALE"]) {
      assert.equal(gaugeOf(m.text, state), truth.get(state) ?? 0, `${why}: ${state}`);
    }
  };

  await t.step("the gauge follows every change of state, folded or not", async () => {
    const id = (await app.request("POST", "/v1/studies", studyBody())).body.id;
    const trials =
      (await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 6 })).body.trials;
    await scrapeAgrees("after a suggestion");
    await app.request("POST", `/v1/studies/${id}/trials/${trials[0].id}/complete`, {
      values: { value: 1 },
    });
    await app.request("POST", `/v1/studies/${id}/trials/${trials[1].id}/fail`, { reason: "x" });
    await scrapeAgrees("after a report and a failure");
    await foldTrialStateChanges(app.database.db);
    await scrapeAgrees("after a fold");
    // Leases run out: ACTIVE trials are STALE before anything writes it.
    await app.database.db.execute(
      sql`UPDATE trials SET lease_expires_at = now() - interval '1 second'
          WHERE id IN (${trials[2].id}::uuid, ${trials[3].id}::uuid)`,
    );
    await scrapeAgrees("after leases ran out");
    const other = (await app.request("POST", "/v1/studies", studyBody())).body.id;
    await app.request("POST", `/v1/studies/${other}/trials/suggest`, { count: 3 });
    await foldTrialStateChanges(app.database.db);
    await app.request("DELETE", `/v1/studies/${id}`);
    await scrapeAgrees("after a study was deleted");
    await foldTrialStateChanges(app.database.db);
    await scrapeAgrees("after another fold");
  });
});

Deno.test({
  name: "metrics: a scrape reads the ACTIVE trials' index, not every trial [postgres]",
  ignore: !testBackends().includes("postgres"),
  async fn() {
    const database = await openTestDatabase("postgres");
    try {
      const db = database.db;
      await db.execute(sql`INSERT INTO projects VALUES (gen_random_uuid(), 'p', now())`);
      await db.execute(
        sql`INSERT INTO studies (id, project_id, name, state, space, objective, algorithm_name,
              algorithm_config, seed, lease_seconds, next_trial_number)
            SELECT gen_random_uuid(), id, 's', 'ACTIVE', '{}', '{}', 'random', '{}', 1, 60, 20005
            FROM projects`,
      );
      // 20,000 finished trials and 5 ACTIVE ones, 2 of them with their lease run out.
      await db.execute(
        sql`INSERT INTO trials (id, study_id, number, state, params, lease_expires_at)
            SELECT gen_random_uuid(), s.id, g,
              CASE WHEN g < 20000 THEN 'COMPLETED' ELSE 'ACTIVE' END, '{}',
              CASE WHEN g < 20000 THEN NULL
                WHEN g < 20002 THEN now() - interval '1 hour' ELSE now() + interval '1 hour' END
            FROM studies AS s, generate_series(0, 20004) AS g`,
      );
      await db.execute(sql`ANALYZE trials`);
      const statement = trialGaugeStatement(new Date());
      const [{ "QUERY PLAN": plan }] = await query<{ "QUERY PLAN": unknown }>(
        db,
        sql`EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`,
      );
      // Rows each scan of trials read: returned, and stepped over by a filter.
      let read = 0;
      const walk = (node: Record<string, unknown>) => {
        if (node["Relation Name"] === "trials") {
          read += Number(node["Actual Rows"] ?? 0) + Number(node["Rows Removed by Filter"] ?? 0) +
            Number(node["Rows Removed by Index Recheck"] ?? 0);
        }
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) {
          walk(child);
        }
      };
      walk((plan as { Plan: Record<string, unknown> }[])[0].Plan);
      assert.ok(read <= 5, `a scrape read ${read} rows of trials (5 are ACTIVE, 20,005 in all)`);
      const gauge = new Map(
        (await query<{ state: string; n: number }>(db, statement)).map((r) => [r.state, r.n]),
      );
      assert.equal(gauge.get("COMPLETED"), 20000);
      assert.equal(gauge.get("ACTIVE"), 3);
      assert.equal(gauge.get("STALE"), 2);
    } finally {
      await database.close();
    }
  },
});

Deno.test("metrics: with MINIMA_METRICS_TOKEN, /metrics needs it as a bearer token", async () => {
  const token = "metrics-token-0123456789";
  const app = await startTestApp("pglite", { metricsToken: token });
  try {
    for (
      const headers of [{}, { authorization: "Bearer wrong-token-0123456789" }, {
        authorization: `Basic ${token}`,
      }] as Record<string, string>[]
    ) {
      const refused = await app.request("GET", "/metrics", undefined, { key: null, headers });
      assert.equal(refused.status, 401, JSON.stringify(headers));
      assert.match(refused.headers.get("content-type")!, /^application\/problem\+json/);
      assert.equal(refused.body.type.endsWith("unauthorized"), true);
      assert.doesNotMatch(refused.text, /minima_/);
    }
    // A project key is not the metrics token.
    const projectKey = await app.request("GET", "/metrics", undefined, { key: app.projectKey });
    assert.equal(projectKey.status, 401);
    const ok = await app.request("GET", "/metrics", undefined, { key: token });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /^minima_trials\{state="COMPLETED"\} 0$/m);
    // Health and readiness stay open (probes send no token).
    assert.equal((await app.request("GET", "/readyz", undefined, { key: null })).status, 200);
  } finally {
    await app.close();
  }
});

Deno.test("metrics: database pool, designer workers, event-loop lag and memory are served", async () => {
  const designers = new DesignerPool(1);
  const app = await startTestApp("pglite", { designers });
  try {
    const id = (await app.request(
      "POST",
      "/v1/studies",
      studyBody({ algorithm: { name: "gp-bo", seed: 1 } }),
    ))
      .body.id;
    assert.equal(
      (await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 1 })).status,
      200,
    );
    const m = await app.request("GET", "/metrics", undefined, { key: null });
    for (
      const series of [
        /^minima_db_pool_size 1$/m,
        /^minima_db_transactions_in_flight 0$/m,
        /^minima_designer_workers 1$/m,
        /^minima_designer_calls_pending 0$/m,
        /^minima_designer_call_duration_seconds_count\{op="create"\} [1-9]/m,
        /^minima_suggestions_waiting 0$/m,
        /^nodejs_eventloop_lag_seconds /m,
        /^nodejs_eventloop_lag_p99_seconds /m,
        /^process_resident_memory_bytes [1-9]/m,
        /^nodejs_heap_size_used_bytes [1-9]/m,
        // The series that were there before stay, under their names.
        /^minima_http_requests_total\{method="POST",route="\/v1\/studies",status="201"\} 1$/m,
        /^minima_http_request_duration_seconds_count\{method="POST",route="\/v1\/studies"\} 1$/m,
        /^minima_designer_worker_failures_total 0$/m,
        /^minima_runs_finished_total\{state="SUCCEEDED"\} 0$/m,
      ]
    ) assert.match(m.text, series);
    // Totals only: no series names a study or a project.
    assert.doesNotMatch(m.text, new RegExp(`${id}|${app.projectId}`));
  } finally {
    await app.close();
    designers.close();
  }
});

Deno.test("metrics: without the database, /metrics still serves the rest", async () => {
  const app = await startTestApp("pglite");
  await app.database.close();
  const m = await app.request("GET", "/metrics", undefined, { key: null });
  assert.equal(m.status, 200);
  assert.match(m.text, /^process_resident_memory_bytes [1-9]/m);
  assert.match(m.text, /^minima_db_pool_size 1$/m);
  assert.doesNotMatch(m.text, /^minima_trials\{/m);
  await app.close();
});
