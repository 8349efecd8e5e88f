/**
 * The Python client (clients/python) against the real service: the service
 * runs as its own process on a PostgreSQL database, as production does, and
 * the client's own unittest suite runs against it with MINIMA_URL and
 * MINIMA_API_KEY set. The suite must pass with no test skipped (it skips
 * itself when no service is named). Where python3 is missing it is ignored,
 * with the reason printed, except on CI (`CI=true`), where it fails: a CI
 * image without Python would otherwise pass without testing the client.
 */
import assert from "node:assert/strict";
import { openTestDatabase } from "./support/db.ts";
import { ADMIN_KEY } from "./support/harness.ts";
import { call, startService } from "./support/server.ts";
import { withDeadline } from "./support/wait.ts";

const ROOT = new URL("..", import.meta.url).pathname;

/** Why the test cannot run here (python3 missing or too old), or null. */
function pythonMissing(): string | null {
  try {
    const version = new Deno.Command("python3", {
      args: ["-c", "import sys; print(sys.version_info >= (3, 9))"],
      stdout: "piped",
      stderr: "null",
    }).outputSync();
    if (!version.success) return "python3 does not run";
    const ok = new TextDecoder().decode(version.stdout).trim() === "True";
    return ok ? null : "python3 is older than 3.9";
  } catch {
    return "python3 is not installed";
  }
}

const missing = pythonMissing();
const onCi = Deno.env.get("CI") === "true";
if (missing && !onCi) {
  console.warn(`client_python_test: the Python client's tests are ignored: ${missing}`);
}

Deno.test({
  name: "CI has the python3 the Python client's tests need",
  ignore: !onCi,
  fn() {
    assert.equal(missing, null, `CI=true and ${missing}: install python3 (3.9 or newer)`);
  },
});

Deno.test({
  name: "the Python client's tests pass against the real service [postgres]",
  ignore: missing !== null && !onCi,
  async fn() {
    const database = await openTestDatabase("postgres");
    const service = await startService({ DATABASE_URL: database.url! });
    try {
      const project = await call(service.url, ADMIN_KEY, "POST", "/v1/projects", {
        name: `python-${crypto.randomUUID().slice(0, 8)}`,
      });
      assert.equal(project.status, 201, JSON.stringify(project.body));
      const key = await call(
        service.url,
        ADMIN_KEY,
        "POST",
        `/v1/projects/${project.body.id}/keys`,
        {
          name: "python client",
        },
      );
      assert.equal(key.status, 201, JSON.stringify(key.body));
      const python = new Deno.Command("python3", {
        args: ["-m", "unittest", "discover", "-s", "clients/python/tests", "-v"],
        cwd: ROOT,
        env: {
          MINIMA_URL: service.url,
          MINIMA_API_KEY: key.body.key,
          PYTHONDONTWRITEBYTECODE: "1",
          PYTHONUNBUFFERED: "1",
        },
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      // A guard against a hang, not a claim: the suite takes seconds on a quiet host.
      const result = await withDeadline(python.output(), () => {
        python.kill("SIGKILL");
        return "the Python client's tests did not finish";
      }, 600_000);
      const output = new TextDecoder().decode(result.stdout) +
        new TextDecoder().decode(result.stderr);
      const fail = (why: string) => `${why}; their output:\n${output}`;
      assert.equal(result.code, 0, fail(`the Python client's tests exited with ${result.code}`));
      assert.match(output, /^Ran [1-9]\d* tests? in /m, fail("no test ran"));
      assert.match(output, /^OK$/m, fail("unittest did not say OK"));
      assert.doesNotMatch(output, /skipped/, fail("a test was skipped"));
      assert.ok(!output.includes(key.body.key), "the API key was printed");
    } finally {
      await service.stop();
      await database.close();
    }
  },
});
