import { createMinimaClient, Study, type Trial } from "@minima/client";

/** Branin on [-5, 10] x [0, 15]: its three global minima are 0.397887. */
export function branin({ x1, x2 }: Trial["params"]): number {
  const [a, b] = [Number(x1), Number(x2)];
  const quadratic = (b - (5.1 / (4 * Math.PI ** 2)) * a ** 2 + (5 / Math.PI) * a - 6) ** 2;
  return quadratic + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(a) + 10;
}

/** 32 trials of a seeded Sobol search; answers the best trial. A rerun resumes or just answers. */
export async function optimizeBranin(url?: string, apiKey?: string, name = "branin-ts") {
  const minima = createMinimaClient({ url, apiKey }); // default: $MINIMA_URL, $MINIMA_API_KEY
  // The same study on every run ("ifExists": "return"); a 409 MinimaError if the definition changed.
  const study = await Study.getOrCreate(minima, {
    name,
    space: {
      parameters: [
        { name: "x1", type: "float", min: -5, max: 10 },
        { name: "x2", type: "float", min: 0, max: 15 },
      ],
    },
    objective: { metrics: [{ name: "value", goal: "minimize" }] },
    algorithm: { name: "sobol", seed: 1 },
  });
  if (study.info.state !== "COMPLETED") {
    // One at a time: ask, heartbeat while it runs, tell (a throw fails the trial instead).
    while ((await study.refresh()).trialCounts.COMPLETED < 16) {
      await study.withTrial((trial) => branin(trial.params));
    }
    // Or in batches: ask for the rest, evaluate them, report them all in one request.
    const left = 32 - study.info.trialCounts.COMPLETED;
    const batch = left > 0 ? await study.ask(left) : [];
    await study.tellMany(batch.map((trial) => ({ trial, result: branin(trial.params) })));
    await study.finish(); // COMPLETED: no more suggestions
  }
  return await study.best();
}

if (import.meta.main) {
  const best = await optimizeBranin();
  console.log(best?.values, best?.params);
}
