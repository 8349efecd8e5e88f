/**
 * Starting the service: configuration errors stop it with a clear message;
 * on the embedded database the first start generates an admin key, stores
 * its hash and prints it once.
 */
import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "../src/config.ts";
import { call, startService } from "./support/server.ts";
import { studyBody } from "./support/harness.ts";

Deno.test("configuration: defaults, and bad values named", () => {
  const config = loadConfig({});
  assert.equal(config.port, 8080);
  assert.equal(config.dataDir, "./data");
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.logLevel, "info");
  assert.equal(config.designMemoryBytes, 512 * 1024 ** 2);
  assert.equal(loadConfig({ MINIMA_DESIGN_MEMORY_BYTES: "1048576" }).designMemoryBytes, 1048576);
  const custom = loadConfig({
    PORT: "9000",
    DATABASE_URL: "postgres://u@h/db",
    LOG_LEVEL: "debug",
  });
  assert.equal(custom.port, 9000);
  assert.equal(custom.databaseUrl, "postgres://u@h/db");
  for (
    const [env, name] of [
      [{ PORT: "eighty" }, "PORT"],
      [{ PORT: "70000" }, "PORT"],
      [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
      [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
      [{ MINIMA_ADMIN_KEY: "short" }, "MINIMA_ADMIN_KEY"],
      [{ MINIMA_DB_POOL_SIZE: "0" }, "MINIMA_DB_POOL_SIZE"],
      [{ MINIMA_DESIGN_MEMORY_BYTES: "0" }, "MINIMA_DESIGN_MEMORY_BYTES"],
      [{ MINIMA_DESIGN_MEMORY_BYTES: "1GB" }, "MINIMA_DESIGN_MEMORY_BYTES"],
    ] as const
  ) {
    assert.throws(() => loadConfig(env), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, new RegExp(`\\b${name}:`));
      return true;
    });
  }
});

Deno.test("a bad environment stops the start with exit code 2 and the variable's name", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", new URL("../src/main.ts", import.meta.url).pathname],
    env: { PORT: "not-a-port", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 2);
  assert.match(new TextDecoder().decode(out.stderr), /PORT: must be a port number/);
});

Deno.test("a port in use stops the start with exit code 1 and a sentence, not a stack trace", async () => {
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const dataDir = await Deno.makeTempDir({ prefix: "minima-port-" });
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-all", new URL("../src/main.ts", import.meta.url).pathname],
      env: {
        PORT: String((taken.addr as Deno.NetAddr).port),
        HOST: "127.0.0.1",
        MINIMA_DATA_DIR: dataDir,
        NO_COLOR: "1",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 1, stderr);
    assert.match(stderr, /another process uses that port/);
    assert.match(stderr, /PORT=0 picks a free one/);
    assert.doesNotMatch(stderr, /\bat \S+:\d+:\d+/, "no stack trace");
    // Checked before the database was opened: nothing was written.
    assert.deepEqual([...Deno.readDirSync(dataDir)], []);
  } finally {
    taken.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test({
  name: "embedded mode: the first start prints a generated admin key once; it keeps working",
  async fn() {
    const dataDir = await Deno.makeTempDir({ prefix: "minima-boot-" });
    try {
      const env = { MINIMA_DATA_DIR: dataDir, MINIMA_ADMIN_KEY: "" };
      let service = await startService(env);
      let key: string;
      try {
        const printed = /Generated the admin key[^\n]*\n\n\s+(mk_[\w-]+)/.exec(service.output());
        assert.ok(printed, `no key printed:\n${service.output()}`);
        key = printed[1];
        assert.match(service.output(), /API docs: http:\/\/127\.0\.0\.1:\d+\/docs/);
        const project = await call(service.url, key, "POST", "/v1/projects", { name: "p" });
        assert.equal(project.status, 201);
      } finally {
        await service.stop();
      }
      service = await startService(env);
      try {
        assert.doesNotMatch(service.output(), /Generated the admin key/);
        const projects = await call(service.url, key, "GET", "/v1/projects");
        assert.equal(projects.status, 200);
        assert.equal(projects.body.items[0].name, "p");
        const pkey = await call(
          service.url,
          key,
          "POST",
          `/v1/projects/${projects.body.items[0].id}/keys`,
          {
            name: "k",
          },
        );
        const study = await call(service.url, pkey.body.key, "POST", "/v1/studies", studyBody());
        assert.equal(study.status, 201);
      } finally {
        await service.stop();
      }
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});

Deno.test({
  name: "rotating away from MINIMA_ADMIN_KEY: mint an admin key, restart without it",
  async fn() {
    const dataDir = await Deno.makeTempDir({ prefix: "minima-rotate-" });
    const envKey = "rotate-me-0123456789abcdefghij";
    try {
      let service = await startService({ MINIMA_DATA_DIR: dataDir, MINIMA_ADMIN_KEY: envKey });
      let key: string;
      try {
        assert.doesNotMatch(service.output(), /Generated the admin key/);
        const minted = await call(service.url, envKey, "POST", "/v1/admin/keys", { name: "ops" });
        assert.equal(minted.status, 201, JSON.stringify(minted.body));
        key = minted.body.key;
      } finally {
        await service.stop();
      }
      service = await startService({ MINIMA_DATA_DIR: dataDir, MINIMA_ADMIN_KEY: "" });
      try {
        // A live admin key is stored, so none is generated; the old key is gone.
        assert.doesNotMatch(service.output(), /Generated the admin key/);
        assert.equal((await call(service.url, key, "GET", "/v1/admin/keys")).status, 200);
        assert.equal((await call(service.url, envKey, "GET", "/v1/admin/keys")).status, 401);
        const events = await call(service.url, key, "GET", "/v1/admin/audit-events");
        assert.deepEqual(
          events.body.items.map((e: { action: string; actor: string }) => [e.action, e.actor]),
          [["admin_key.created", "bootstrap"]],
        );
      } finally {
        await service.stop();
      }
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
