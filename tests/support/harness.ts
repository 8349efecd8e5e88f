/**
 * Drives the real app over a real database: each test file opens one
 * database per backend and sends requests through the app's fetch handler.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { type AppOptions, createApp } from "../../src/app.ts";
import { createLogger } from "../../src/log.ts";
import type { AppEnv } from "../../src/routes/common.ts";
import { type NewApiKey, type Project, responseMismatch, type Study } from "./contract.ts";
import { type Backend, openTestDatabase, type TestDatabase } from "./db.ts";

export type { ApiKey, NewApiKey, Page, Problem, Project, Study, Trial } from "./contract.ts";

/** The admin key every test app accepts. */
export const ADMIN_KEY = "test-admin-key-0123456789abcdef";

/**
 * A response read once: status, headers and the parsed body (JSON media
 * types; the text otherwise). The harness has checked the body against the
 * schema its route documents for the status (./contract.ts), so a `B` that
 * names that schema's type (`expect<Study>(201, …)`) is a claim the check
 * backs; `request` still answers `any` bodies, which tests read freely.
 */
// deno-lint-ignore no-explicit-any
export interface Reply<B = any> {
  status: number;
  headers: Headers;
  body: B;
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
  /**
   * Sends a request; `key` defaults to the project key. Throws when the
   * response breaks its route's documented contract.
   */
  request(method: string, path: string, json?: unknown, options?: RequestOptions): Promise<Reply>;
  /**
   * `request` that must answer `status` (else it throws with the body), its
   * body typed `B`: the route's schema for that status (e.g. `Study` for a
   * 201 of createStudy), which the contract check has just verified.
   */
  expect<B>(
    status: number,
    method: string,
    path: string,
    json?: unknown,
    options?: RequestOptions,
  ): Promise<Reply<B>>;
  /** A project key of a project made for this app. */
  projectKey: string;
  projectId: string;
  /** Makes another project and returns its key. */
  newProject(name?: string): Promise<{ projectId: string; key: string }>;
  close(): Promise<void>;
}

/** What a test may add to the app's options (an ONNX runtime, limits). */
export type TestAppOptions = Partial<Omit<AppOptions, "database" | "logger" | "adminKey" | "now">>;

/** Starts the app over a fresh database of the given kind. */
export async function startTestApp(
  backend: Backend,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await openTestDatabase(backend);
  let offset = 0;
  const app = createApp({
    ...options,
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
  ): Promise<Reply<unknown>> => {
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
    // Every response must be one its route documents (./contract.ts).
    const mismatch = responseMismatch(app, {
      method,
      path,
      status: res.status,
      contentType: res.headers.get("content-type"),
      body: parsed,
      text,
    });
    if (mismatch) {
      throw new Error(
        `${method} ${path} answered ${res.status}, against its documented contract: ` +
          `${mismatch}\nbody: ${text.slice(0, 500)}`,
      );
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  const expect = async <B>(
    status: number,
    method: string,
    path: string,
    json?: unknown,
    options?: RequestOptions,
  ): Promise<Reply<B>> => {
    const r = await request(method, path, json, options);
    if (r.status !== status) {
      throw new Error(`${method} ${path} answered ${r.status}, not ${status}: ${r.text}`);
    }
    // Checked against the route's schema for `status` by `request`.
    return r as Reply<B>;
  };
  const newProject = async (name = `p-${crypto.randomUUID().slice(0, 8)}`) => {
    const admin = { key: ADMIN_KEY };
    const project = await expect<Project>(201, "POST", "/v1/projects", { name }, admin);
    const projectId = project.body.id;
    const key = await expect<NewApiKey>(201, "POST", `/v1/projects/${projectId}/keys`, {
      name: "tests",
    }, admin);
    return { projectId, key: key.body.key };
  };
  const harness: TestApp = {
    backend,
    database,
    app,
    advance: (seconds) => void (offset += seconds * 1000),
    request,
    expect,
    projectKey: "",
    projectId: "",
    newProject,
    // Run workers (options.runs) stop before the database they use closes.
    close: async () => {
      await options.runs?.stop();
      await database.close();
    },
  };
  const first = await newProject();
  harness.projectKey = first.key;
  harness.projectId = first.projectId;
  return harness;
}

/** A small valid study body, of a name not used before (names are unique); override any field. */
export function studyBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `branin-${crypto.randomUUID().slice(0, 8)}`,
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
  const r = await app.expect<Study>(201, "POST", "/v1/studies", studyBody(overrides));
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
