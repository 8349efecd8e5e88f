import { createMinimaClient, Study, type Trial } from "../src/client.ts";

/** Branin on [-5, 10] x [0, 15]: its three global minima are 0.397887. */
export function branin({ x1, x2 }: Trial["params"]): number {
  const [a, b] = [Number(x1), Number(x2)];
  const quadratic = (b - (5.1 / (4 * Math.PI ** 2)) * a ** 2 + (5 / Math.PI) * a - 6) ** 2;
  return quadratic + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(a) + 10;
}

/** 32 trials of a seeded Sobol search; answers the best trial. */
export async function optimizeBranin(url: string, apiKey: string, name = "branin-ts") {
  const minima = createMinimaClient({ url, apiKey }); // a clientId of its own per client
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
  // One at a time: ask, heartbeat while it runs, tell (a throw fails the trial instead).
  for (let i = 0; i < 16; i++) {
    await study.withTrial((trial) => branin(trial.params));
  }
  // Or in batches: ask for 16, evaluate them, report all 16 in one request.
  const batch = await study.ask(16);
  await study.tellMany(batch.map((trial) => ({ trial, result: branin(trial.params) })));
  await study.finish(); // COMPLETED: no more suggestions
  return await study.best();
}

if (import.meta.main) {
  const best = await optimizeBranin(Deno.env.get("MINIMA_URL")!, Deno.env.get("MINIMA_API_KEY")!);
  console.log(best?.values, best?.params);
}
