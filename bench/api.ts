/**
 * A small HTTP client for the minima API that times every request by kind,
 * plus the calls the benchmark makes (set-up, ask/tell loops, bulk batches).
 */

/** The parts of a trial the benchmark reads. */
interface TrialOut {
  id: string;
  params: Record<string, number>;
}

/** Calls the API with one key, recording latencies while `recording` is on. */
export class Api {
  /** Record latencies (off during warm-up and set-up). */
  recording = false;
  #samples = new Map<string, number[]>();

  /** `base` is the service URL, `key` the Bearer key. */
  constructor(readonly base: string, readonly key: string) {}

  /** Sends a JSON request; throws on anything but 2xx. `kind` names it for timing. */
  async call<T>(
    method: string,
    path: string,
    body: unknown,
    kind: string,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const started = performance.now();
    const r = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.key}`,
        "content-type": "application/json",
        connection: "keep-alive",
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (this.recording) {
      let list = this.#samples.get(kind);
      if (!list) this.#samples.set(kind, list = []);
      list.push(performance.now() - started);
    }
    if (r.status < 200 || r.status > 299) {
      throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 500)}`);
    }
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Hands over the latencies recorded so far (ms, by kind) and forgets them. */
  take(): Map<string, number[]> {
    const out = this.#samples;
    this.#samples = new Map();
    return out;
  }

  /** Creates the benchmark's study: 5 floats in [0, 1], minimise "value", random seed 1. */
  async createStudy(name: string): Promise<string> {
    const study = await this.call<{ id: string }>("POST", "/v1/studies", {
      name,
      space: {
        parameters: Array.from({ length: 5 }, (_, i) => ({
          name: `x${i}`,
          type: "float",
          min: 0,
          max: 1,
        })),
      },
      objective: { metrics: [{ name: "value", goal: "minimize" }] },
      algorithm: { name: "random", seed: 1 },
    }, "setup");
    return study.id;
  }

  /** How many trials the study holds (all states). */
  async studySize(studyId: string): Promise<number> {
    const study = await this.call<{ trialCounts: Record<string, number> }>(
      "GET",
      `/v1/studies/${studyId}`,
      undefined,
      "setup",
    );
    return Object.values(study.trialCounts).reduce((a, b) => a + b, 0);
  }

  /** Ask/tell pairs, one trial at a time, until `deadline` (performance.now ms); returns them. */
  async askTellLoop(studyId: string, clientId: string, deadline: number): Promise<number> {
    let pairs = 0;
    while (performance.now() < deadline) {
      const { trials } = await this.call<{ trials: TrialOut[] }>(
        "POST",
        `/v1/studies/${studyId}/trials/suggest`,
        { count: 1, clientId },
        "suggest",
      );
      const trial = trials[0];
      await this.call("POST", `/v1/studies/${studyId}/trials/${trial.id}/complete`, {
        values: { value: sum(trial.params) },
      }, "complete");
      pairs++;
    }
    return pairs;
  }

  /** One bulk round: suggest `count`, complete them all in one batch; returns the trials. */
  async bulkRound(studyId: string, clientId: string, count: number): Promise<number> {
    const { trials } = await this.call<{ trials: TrialOut[] }>(
      "POST",
      `/v1/studies/${studyId}/trials/suggest`,
      { count, clientId },
      "suggest (bulk)",
    );
    await this.call("POST", `/v1/studies/${studyId}/trials/complete`, {
      items: trials.map((t) => ({ trialId: t.id, values: { value: sum(t.params) } })),
    }, "complete (batch)");
    return trials.length;
  }

  /** Bulk rounds until `deadline`; returns the trials. */
  async bulkLoop(studyId: string, clientId: string, count: number, deadline: number) {
    let trials = 0;
    while (performance.now() < deadline) trials += await this.bulkRound(studyId, clientId, count);
    return trials;
  }
}

function sum(params: Record<string, number>): number {
  let s = 0;
  for (const v of Object.values(params)) s += v;
  return s;
}

/** Sets up a project and a project key with the admin key; returns the project key. */
export async function projectKey(base: string, adminKey: string): Promise<string> {
  const admin = new Api(base, adminKey);
  const name = `bench-${crypto.randomUUID().slice(0, 8)}`;
  const project = await admin.call<{ id: string }>("POST", "/v1/projects", { name }, "setup");
  const key = await admin.call<{ key: string }>(
    "POST",
    `/v1/projects/${project.id}/keys`,
    { name: "bench" },
    "setup",
  );
  return key.key;
}

/** Server-side request time by route (sum of seconds, count), from GET /metrics. */
export async function serverTimes(base: string): Promise<Map<string, { sum: number; n: number }>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const out = new Map<string, { sum: number; n: number }>();
  const re =
    /^minima_http_request_duration_seconds_(sum|count)\{method="(\w+)",route="([^"]+)"\} (\S+)$/gm;
  for (const m of text.matchAll(re)) {
    const key = `${m[2]} ${m[3]}`;
    const entry = out.get(key) ?? { sum: 0, n: 0 };
    if (m[1] === "sum") entry.sum = Number(m[4]);
    else entry.n = Number(m[4]);
    out.set(key, entry);
  }
  return out;
}
