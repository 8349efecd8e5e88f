/**
 * `minima agent` end to end: the real service as a process on a PostgreSQL
 * database, the agent as a process, and a shell script as the user's program
 * (Branin, checked against the TypeScript one). Covers results, parallelism,
 * crashes, timeouts, signals (waiting for the agent's own events, never a
 * sleep), the --json events, and that the API key is never printed.
 */
import assert from "node:assert/strict";
import { openTestDatabase } from "./support/db.ts";
import { ADMIN_KEY } from "./support/harness.ts";
import { call, startService } from "./support/server.ts";
import { type AgentProcess, branin, BRANIN_SCRIPT, startAgent } from "./support/agent_process.ts";
import { pollUntil, withDeadline } from "./support/wait.ts";

interface Trial {
  id: string;
  state: string;
  params: { x1: number; x2: number };
  values: { value: number } | null;
  reason: string | null;
  clientId: string | null;
}

Deno.test("minima agent runs a user's program as the objective [postgres]", async (t) => {
  const database = await openTestDatabase("postgres");
  const service = await startService({ DATABASE_URL: database.url! });
  const outputs: string[] = [];
  try {
    const project = await call(service.url, ADMIN_KEY, "POST", "/v1/projects", { name: "agent" });
    const key: string =
      (await call(service.url, ADMIN_KEY, "POST", `/v1/projects/${project.body.id}/keys`, {
        name: `batch-${crypto.randomUUID().slice(0, 8)}`,
      })).body.key;
    const env = { MINIMA_API_KEY: key, MINIMA_URL: service.url };
    const newStudy = async (leaseSeconds = 60) => {
      const r = await call(service.url, key, "POST", "/v1/studies", {
        name: `branin-agent-${crypto.randomUUID().slice(0, 8)}`,
        space: {
          parameters: [
            { name: "x1", type: "float", min: -5, max: 10 },
            { name: "x2", type: "float", min: 0, max: 15 },
          ],
        },
        objective: { metrics: [{ name: "value", goal: "minimize" }] },
        algorithm: { name: "random", config: {}, seed: 3 },
        settings: { leaseSeconds },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    };
    const trials = async (study: string): Promise<Trial[]> => {
      const r = await call(service.url, key, "GET", `/v1/studies/${study}/trials?limit=100`);
      assert.equal(r.status, 200);
      return r.body.items;
    };
    const finish = async (agent: AgentProcess) => {
      const out = await withDeadline(agent.exited, () => "the agent did not exit");
      outputs.push(out.stdout, out.stderr);
      return out;
    };
    const script = (mode: string, ...rest: string[]) => [
      "--",
      "sh",
      BRANIN_SCRIPT,
      mode,
      "{x1}",
      "{x2}",
      ...rest,
    ];

    await t.step("N trials, P at once, with Branin's values and --json events", async () => {
      const study = await newStudy();
      const barrier = await Deno.makeTempDir();
      try {
        // Each trial waits until 3 have started: this ends only if 3 run at once.
        const agent = startAgent(
          [
            "--study",
            study,
            "--count",
            "7",
            "--parallel",
            "3",
            "--json",
            ...script(
              "barrier",
              barrier,
              "3",
            ),
          ],
          env,
        );
        const out = await finish(agent);
        assert.equal(out.code, 0, out.stderr);
        const all = await trials(study);
        assert.equal(all.length, 7);
        for (const trial of all) {
          assert.equal(trial.state, "COMPLETED", JSON.stringify(trial));
          const expected = branin(trial.params.x1, trial.params.x2);
          assert.ok(Math.abs(trial.values!.value - expected) <= 1e-9 * Math.max(1, expected));
          assert.match(trial.clientId!, /^agent-.+-\d+-[0-2]$/);
        }
        // The events: started, then per trial started → completed, never more than 3 at once, done.
        const events = agent.events;
        assert.equal(events[0].event, "started");
        assert.equal(events.at(-1)!.event, "done");
        assert.equal(events.at(-1)!.completed, 7);
        assert.equal(events.at(-1)!.failed, 0);
        const best = Math.min(...all.map((t) => t.values!.value));
        assert.equal((events.at(-1)!.best as { value: number }).value, best);
        let inFlight = 0, most = 0;
        for (const e of events) {
          if (e.event === "trial_started") most = Math.max(most, ++inFlight);
          if (e.event === "trial_completed") inFlight--;
        }
        assert.equal(most, 3);
        const completed = events.filter((e) => e.event === "trial_completed");
        assert.deepEqual(completed.map((e) => e.trialId).sort(), all.map((t) => t.id).sort());
        // The progress line, one per change, on stderr.
        assert.match(out.stderr, /7\/7 done · best value=/);
        assert.equal(out.stderr.match(/done · best/g)!.length, 7);
      } finally {
        await Deno.remove(barrier, { recursive: true });
      }
    });

    await t.step("a crash fails the trial with the tail of stderr", async () => {
      const study = await newStudy();
      const out = await finish(
        startAgent(["--study", study, "--count", "2", "--parallel", "1", ...script("crash")], env),
      );
      assert.equal(out.code, 0, out.stderr);
      const all = await trials(study);
      assert.equal(all.length, 2);
      for (const trial of all) {
        assert.equal(trial.state, "FAILED");
        assert.match(trial.reason!, /exit code 1/);
        assert.match(trial.reason!, /loss is NaN\nTraceback: boom, out of memory at x1=/);
      }
      assert.match(out.stderr, /2\/2 done \(2 failed\)/);
    });

    await t.step("a study that reaches its maxTrials ends the agent cleanly", async () => {
      const study = await newStudy();
      await call(service.url, key, "PATCH", `/v1/studies/${study}`, {
        settings: { maxTrials: 3 },
      });
      const out = await finish(
        startAgent(["--study", study, "--count", "10", "--parallel", "2", ...script("ok")], env),
      );
      assert.equal(out.code, 0, out.stderr);
      const all = await trials(study);
      assert.deepEqual(all.map((x) => x.state), ["COMPLETED", "COMPLETED", "COMPLETED"]);
      assert.match(out.stderr, /the study is complete: .*settings\.maxTrials \(3\)/);
    });

    await t.step("a command past --timeout is killed and failed", async () => {
      const study = await newStudy();
      const out = await finish(
        startAgent(
          [
            "--study",
            study,
            "--count",
            "1",
            "--parallel",
            "1",
            "--timeout",
            "1",
            ...script("hang"),
          ],
          env,
        ),
      );
      assert.equal(out.code, 0, out.stderr);
      const [trial] = await trials(study);
      assert.equal(trial.state, "FAILED");
      assert.match(trial.reason!, /timed out after 1 s/);
    });

    await t.step("SIGINT fails the trials in flight and exits 130", async () => {
      const study = await newStudy();
      const agent = startAgent(
        ["--study", study, "--count", "5", "--parallel", "2", "--json", ...script("hang")],
        env,
      );
      await withDeadline(agent.waitForEvent("trial_started"), () => "no trial started");
      agent.process.kill("SIGINT");
      const out = await finish(agent);
      assert.equal(out.code, 130, out.stderr);
      const all = await trials(study);
      assert.ok(all.length >= 1 && all.length <= 2);
      for (const trial of all) {
        assert.equal(trial.state, "FAILED", JSON.stringify(trial));
        assert.match(trial.reason!, /interrupted by SIGINT|agent stopped/);
      }
      assert.equal(agent.events.at(-1)!.signal, "SIGINT");
    });

    await t.step(
      "heartbeats, then SIGTERM with --on-signal finish reports the trial in flight, exits 143",
      async () => {
        const study = await newStudy(3);
        const gate = `${await Deno.makeTempDir()}/open`;
        const agent = startAgent(
          [
            "--study",
            study,
            "--count",
            "5",
            "--parallel",
            "1",
            "--json",
            "--on-signal",
            "finish",
            ...script("gate", gate),
          ],
          env,
        );
        const started = await withDeadline(agent.waitForEvent("trial_started"), () => "no trial");
        // The lease moves on while the command runs (a heartbeat every third of it).
        const path = `/v1/studies/${study}/trials/${started.trialId}`;
        const first = (await call(service.url, key, "GET", path)).body.leaseExpiresAt;
        const renewed = await withDeadline(
          pollUntil(
            async () => {
              const trial = (await call(service.url, key, "GET", path)).body;
              assert.equal(trial.state, "ACTIVE");
              return trial.leaseExpiresAt > first ? trial.leaseExpiresAt : undefined;
            },
            agent.exited,
            50,
          ),
          () => "the lease was not renewed",
        );
        assert.ok(renewed, "the agent exited before a heartbeat");
        agent.process.kill("SIGTERM");
        // Once the agent has taken the signal in, let the command finish.
        await withDeadline(agent.waitForEvent("stopping"), () => "the agent did not take SIGTERM");
        await Deno.writeTextFile(gate, "");
        const out = await finish(agent);
        assert.equal(out.code, 143, out.stderr);
        const all = await trials(study);
        assert.equal(all.length, 1);
        assert.equal(all[0].id, started.trialId);
        assert.equal(all[0].state, "COMPLETED");
        await Deno.remove(gate.slice(0, -5), { recursive: true });
      },
    );

    await t.step(
      "a study that learns from rounds (sso) is refused before anything runs",
      async () => {
        const r = await call(service.url, key, "POST", "/v1/studies", {
          name: `sso-agent-${crypto.randomUUID().slice(0, 8)}`,
          algorithm: {
            name: "sso",
            seed: 1,
            config: { model: { family: "linear", inputs: 2, outputs: 2 }, targetStepSize: 10 },
          },
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        const study: string = r.body.id;
        const out = await finish(
          startAgent(["--study", study, "--count", "1", ...script("ok")], env),
        );
        assert.equal(out.code, 2, out.stderr);
        assert.match(out.stderr, /learns from rounds \(algorithm sso\)/);
        assert.match(out.stderr, /startRound\/completeRound/);
        assert.doesNotMatch(out.stderr, /TypeError|Cannot read/);
        // Nothing was handed out or written: the study is as it was created.
        const after = await call(service.url, key, "GET", `/v1/studies/${study}`);
        assert.equal(after.status, 200);
        assert.equal(after.body.updatedAt, r.body.updatedAt);
        assert.equal((await trials(study)).length, 0);
      },
    );

    await t.step("usage errors come before anything runs, and never show the key", async () => {
      const study = await newStudy();
      const unknown = await finish(
        startAgent(["--study", study, "--count", "1", "--", "sh", "-c", "echo {nope}"], env),
      );
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /\{nope\}/);
      assert.equal((await trials(study)).length, 0);
      const missing = await finish(
        startAgent(["--study", crypto.randomUUID(), "--count", "1", ...script("ok")], env),
      );
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /404/);
      const badKey = `${key}x`;
      const refused = await finish(
        startAgent(["--study", study, "--count", "1", ...script("ok")], {
          ...env,
          MINIMA_API_KEY: badKey,
        }),
      );
      assert.equal(refused.code, 1);
      assert.ok(!refused.stderr.includes(badKey) && !refused.stdout.includes(badKey));
      for (const text of outputs) assert.ok(!text.includes(key), "the key was printed");
    });
  } finally {
    await service.stop();
    await database.close();
    for (const text of outputs) assert.ok(!text.includes(ADMIN_KEY));
  }
});

Deno.test("minima agent's module graph is its own folder and node builtins (it compiles alone)", async () => {
  // `deno task agent:compile` compiles src/agent/main.ts with --no-config: without the project's
  // node_modules. An import from elsewhere in the service would break that, or drag the service in.
  const main = new URL("../src/agent/main.ts", import.meta.url);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "--no-config", main.pathname],
    env: { NO_COLOR: "1" },
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    modules: { specifier: string }[];
  };
  const folder = new URL("./", main).href;
  const outside = info.modules.map((m) => m.specifier).filter((s) =>
    !s.startsWith(folder) && !s.startsWith("node:")
  );
  assert.deepEqual(outside, []);
  assert.ok(info.modules.length >= 5, `the agent's modules: ${info.modules.length}`);
});
