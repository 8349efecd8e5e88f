/**
 * The HTTP batch client of `cbo` (bench/cbo_http.ts, bench/models.ts): a
 * study of N particles in a box, and one generation asked for whole and
 * reported in one batch.
 */
import type { Api } from "./api.ts";

/** The parts of a trial the client reads. */
interface TrialOut {
  id: string;
  params: Record<string, number>;
}

/** Rastrigin of a trial's params (every param is a coordinate). */
export function rastrigin(params: Record<string, number>): number {
  let s = 10 * Object.keys(params).length;
  for (const x of Object.values(params)) s += x * x - 10 * Math.cos(2 * Math.PI * x);
  return s;
}

/** A cbo study of `d` floats in [−bound, bound], minimising "value". */
export async function createCboStudy(
  api: Api,
  name: string,
  d: number,
  bound: number,
  config: Record<string, unknown>,
  seed: number,
): Promise<string> {
  const study = await api.call<{ id: string }>("POST", "/v1/studies", {
    name,
    space: {
      parameters: Array.from({ length: d }, (_, i) => ({
        name: `x${i}`,
        type: "float",
        min: -bound,
        max: bound,
      })),
    },
    objective: { metrics: [{ name: "value", goal: "minimize" }] },
    algorithm: { name: "cbo", config, seed },
  }, "setup");
  return study.id;
}

/**
 * One generation: ask for all N, report all N in one batch; returns the trials
 * reported. A batch client has no use for the echo of what it reported: it
 * sends `Prefer: return=minimal` unless `echo` is set.
 */
export async function generation(
  api: Api,
  studyId: string,
  n: number,
  f: (p: Record<string, number>) => number,
  echo = false,
): Promise<number> {
  const { trials } = await api.call<{ trials: TrialOut[] }>(
    "POST",
    `/v1/studies/${studyId}/trials/suggest`,
    { count: n, clientId: "batch" },
    "suggest",
  );
  if (trials.length === 0) return 0;
  await api.call(
    "POST",
    `/v1/studies/${studyId}/trials/complete`,
    { items: trials.map((t) => ({ trialId: t.id, values: { value: f(t.params) } })) },
    "complete",
    echo ? {} : { prefer: "return=minimal" },
  );
  return trials.length;
}
