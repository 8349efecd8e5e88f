/**
 * Drives the real app over a real database: each test file opens one
 * database per backend and sends requests through the app's fetch handler.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { createApp } from "../../src/app.ts";
import { createLogger } from "../../src/log.ts";
import type { AppEnv } from "../../src/routes/common.ts";
import { type Backend, openTestDatabase, type TestDatabase } from "./db.ts";

/** The admin key every test app accepts. */
export const ADMIN_KEY = "test-admin-key-0123456789abcdef";

/** A response read once: status, headers and the parsed body. */
export interface Reply {
  status: number;
  headers: Headers;
  // deno-lint-ignore no-explicit-any
  body: any;
  text: string;
}

/** Options for one request. */
export interface RequestOptions {
  key?: string | null;
  headers?: Record<string, string>;
  /** A raw body (sent as is); `json` is serialised otherwise. */
  raw?: string;
}

/** An app over a test database, with a clock the test can move. */
export interface TestApp {
  backend: Backend;
  database: TestDatabase;
  app: OpenAPIHono<AppEnv>;
  /** Moves the app's clock forward. */
  advance(seconds: number): void;
  /** Sends a request; `key` defaults to the project key. */
  request(method: string, path: string, json?: unknown, options?: RequestOptions): Promise<Reply>;
  /** A project key of a project made for this app. */
  projectKey: string;
  projectId: string;
  /** Makes another project and returns its key. */
  newProject(name?: string): Promise<{ projectId: string; key: string }>;
  close(): Promise<void>;
}

/** Starts the app over a fresh database of the given kind. */
export async function startTestApp(backend: Backend): Promise<TestApp> {
  const database = await openTestDatabase(backend);
  let offset = 0;
  const app = createApp({
    database,
    logger: createLogger("silent"),
    adminKey: ADMIN_KEY,
    now: () => new Date(Date.now() + offset),
  });
  const request = async (
    method: string,
    path: string,
    json?: unknown,
    options: RequestOptions = {},
  ): Promise<Reply> => {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? harness.projectKey : options.key;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let body: string | undefined = options.raw;
    if (body === undefined && json !== undefined) body = JSON.stringify(json);
    if (body !== undefined && !("content-type" in headers)) {
      headers["content-type"] = "application/json";
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if (/application\/(problem\+)?json/.test(res.headers.get("content-type") ?? "") && text) {
      parsed = JSON.parse(text);
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  const newProject = async (name = `p-${crypto.randomUUID().slice(0, 8)}`) => {
    const project = await request("POST", "/v1/projects", { name }, { key: ADMIN_KEY });
    if (project.status !== 201) throw new Error(`createProject: ${project.text}`);
    const key = await request("POST", `/v1/projects/${project.body.id}/keys`, { name: "tests" }, {
      key: ADMIN_KEY,
    });
    if (key.status !== 201) throw new Error(`createApiKey: ${key.text}`);
    return { projectId: project.body.id as string, key: key.body.key as string };
  };
  const harness: TestApp = {
    backend,
    database,
    app,
    advance: (seconds) => void (offset += seconds * 1000),
    request,
    projectKey: "",
    projectId: "",
    newProject,
    close: () => database.close(),
  };
  const first = await newProject();
  harness.projectKey = first.key;
  harness.projectId = first.projectId;
  return harness;
}

/** A small valid study body; override any field. */
export function studyBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "branin",
    space: {
      parameters: [
        { name: "x1", type: "float", min: -5, max: 10 },
        { name: "lr", type: "float", min: 1e-5, max: 0.1, scale: "log" },
        { name: "layers", type: "int", min: 1, max: 8 },
        { name: "opt", type: "categorical", values: ["adam", "sgd"] },
      ],
    },
    objective: { metrics: [{ name: "value", goal: "minimize" }] },
    algorithm: { name: "random", config: {}, seed: 1 },
    ...overrides,
  };
}

/** Creates a study (studyBody with overrides) and returns its id. */
export async function newStudy(
  app: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const r = await app.request("POST", "/v1/studies", studyBody(overrides));
  if (r.status !== 201) throw new Error(`createStudy: ${r.text}`);
  return r.body.id;
}

/**
 * Runs `body` once per backend as one Deno test with steps, sharing one app
 * (and database) per backend across the steps.
 */
export function describeOnBackends(
  name: string,
  backends: Backend[],
  body: (t: Deno.TestContext, app: TestApp) => Promise<void>,
): void {
  for (const backend of backends) {
    Deno.test({
      name: `${name} [${backend}]`,
      sanitizeOps: false,
      sanitizeResources: false,
      async fn(t) {
        const app = await startTestApp(backend);
        try {
          await body(t, app);
        } finally {
          await app.close();
        }
      },
    });
  }
}
