/**
 * `deno task bench:metrics`: what /metrics costs ask and tell (issue 14,
 * finding 5: at 61k trials, 8 scrapers cut ask/tell throughput tenfold when
 * each scrape counted every trial).
 *
 * Two services, each its own process on its own throwaway PostgreSQL
 * database: this checkout, and a baseline checkout (MINIMA_BENCH_BASELINE,
 * a directory holding another commit's tree, e.g. made with `git archive
 * <commit> | tar -x -C <dir>` and a node_modules link; unset: this checkout
 * against itself). Each gets a study of MINIMA_BENCH_TRIALS trials (60,000),
 * then turns alternate between the two (A B B A …) on the same stretch of
 * time: ask/tell pairs per second from 16 clients, alone, with 8 scrapers
 * each scraping /metrics every MINIMA_BENCH_SCRAPE_INTERVAL_MS (1000), and
 * with 8 scraping back to back; bulk rounds (256 trials) without scrapers,
 * where the triggers that keep the counts see the most rows per statement;
 * and the latency of a lone scrape. Prints
 * medians and ratios to the baseline. MINIMA_BENCH_SECONDS and
 * MINIMA_BENCH_REPS as in bench/settings.ts.
 */
import { Api, projectKey } from "./api.ts";
import { fill, median, together } from "./measure.ts";
import { ADMIN_KEY, createScratchDatabase, type Service, startService } from "./service.ts";
import { loadSettings } from "./settings.ts";

const CLIENTS = 16;
const SCRAPERS = 8;
/** Each scraper's pause between scrapes in the paced turns (Prometheus: 15 s by default). */
const INTERVAL_MS = Number(Deno.env.get("MINIMA_BENCH_SCRAPE_INTERVAL_MS") ?? 1000);
const LONE_SCRAPES = 20;

interface Side {
  name: string;
  service: Service;
  api: Api;
  study: string;
  askTell: { alone: number[]; paced: number[]; scraped: number[] };
  /** Trials per second of bulk rounds (suggest 256, complete them in one batch), no scraper. */
  bulk: number[];
  scrapesPerSecond: number[];
  scrapeMs: number[];
}

function log(message: string): void {
  console.error(`[bench:metrics ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function scrape(base: string): Promise<void> {
  const r = await fetch(`${base}/metrics`);
  if (r.status !== 200) throw new Error(`/metrics: ${r.status} ${await r.text()}`);
  await r.text();
}

/**
 * Ask/tell pairs per second for `seconds`, with `scrapers` scraping meanwhile,
 * each pausing `pauseMs` between scrapes (0: back to back).
 */
async function turn(side: Side, seconds: number, scrapers: number, pauseMs = 0) {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const [pairs, scrapes] = await Promise.all([
    together(CLIENTS, (i) => side.api.askTellLoop(side.study, `c${i}`, deadline)),
    together(scrapers, async () => {
      let n = 0;
      while (performance.now() < deadline) {
        await scrape(side.service.url);
        n++;
        const pause = Math.min(pauseMs, deadline - performance.now());
        if (pause > 0) await new Promise((r) => setTimeout(r, pause));
      }
      return n;
    }),
  ]);
  const elapsed = (performance.now() - started) / 1000;
  return { pairsPerSecond: pairs / elapsed, scrapesPerSecond: scrapes / elapsed };
}

const settings = loadSettings();
const trials = Math.round(Number(Deno.env.get("MINIMA_BENCH_TRIALS") ?? 60_000));
const baselineRoot = Deno.env.get("MINIMA_BENCH_BASELINE");
log(`load average: ${Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ")}`);
const sides: Side[] = [];
const databases = [];
try {
  for (const [name, root] of [["baseline", baselineRoot], ["this", undefined]] as const) {
    const database = await createScratchDatabase(settings.serverUrl, `minima_bench_metrics`);
    databases.push(database);
    const service = await startService(
      { DATABASE_URL: database.url, MINIMA_RUN_WORKERS: "0", MINIMA_SCHEDULER: "false" },
      "main.ts",
      { root },
    );
    const api = new Api(service.url, await projectKey(service.url, ADMIN_KEY));
    const study = await api.createStudy(`metrics-${name}`);
    const filled = await fill(api, study, trials, 4, settings.fillSeconds * 3);
    log(`${name}: ${filled.size} trials in ${filled.seconds} s`);
    sides.push({
      name,
      service,
      api,
      study,
      askTell: { alone: [], paced: [], scraped: [] },
      bulk: [],
      scrapesPerSecond: [],
      scrapeMs: [],
    });
  }
  const { seconds, reps, warmup } = settings.timing;
  for (const side of sides) await turn(side, warmup, 0);
  for (let rep = 0; rep < reps; rep++) {
    const order = rep % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      side.askTell.alone.push((await turn(side, seconds, 0)).pairsPerSecond);
    }
    for (const side of [...order].reverse()) {
      side.askTell.paced.push((await turn(side, seconds, SCRAPERS, INTERVAL_MS)).pairsPerSecond);
    }
    for (const side of order) {
      const r = await turn(side, seconds, SCRAPERS);
      side.askTell.scraped.push(r.pairsPerSecond);
      side.scrapesPerSecond.push(r.scrapesPerSecond);
    }
    for (const side of [...order].reverse()) {
      const started = performance.now();
      const deadline = started + seconds * 1000;
      const done = await side.api.bulkLoop(side.study, "bulk", 256, deadline);
      side.bulk.push(done / ((performance.now() - started) / 1000));
    }
    for (const side of order) {
      for (let i = 0; i < LONE_SCRAPES; i++) {
        const started = performance.now();
        await scrape(side.service.url);
        side.scrapeMs.push(performance.now() - started);
      }
    }
    log(`rep ${rep + 1}/${reps} done`);
  }
  const [base, mine] = sides;
  const fmt = (x: number) => x.toFixed(x < 10 ? 2 : 0);
  const row = (what: string, f: (s: Side) => number[]) => {
    const [b, m] = [median(f(base)), median(f(mine))];
    console.log(`| ${what} | ${fmt(b)} | ${fmt(m)} | ${(m / b).toFixed(2)} |`);
  };
  console.log(
    `\n/metrics at ${trials} trials, ${CLIENTS} ask/tell clients, medians of ${reps} turns of ` +
      `${seconds} s (load average at start in stderr)\n`,
  );
  console.log(`| figure | baseline | this | this / baseline |`);
  console.log(`| --- | ---: | ---: | ---: |`);
  row("ask/tell pairs/s, no scraper", (s) => s.askTell.alone);
  row(`ask/tell pairs/s, ${SCRAPERS} scrapers every ${INTERVAL_MS} ms`, (s) => s.askTell.paced);
  row(`ask/tell pairs/s, ${SCRAPERS} scrapers back to back`, (s) => s.askTell.scraped);
  row(`scrapes/s by ${SCRAPERS} scrapers back to back`, (s) => s.scrapesPerSecond);
  row("bulk trials/s (256 a round), no scraper", (s) => s.bulk);
  row("lone scrape, ms", (s) => s.scrapeMs);
  for (const s of sides) {
    const kept = (xs: number[]) => (100 * median(xs) / median(s.askTell.alone)).toFixed(0);
    console.log(
      `${s.name}: ${SCRAPERS} scrapers keep ${kept(s.askTell.paced)}% of ask/tell paced, ` +
        `${kept(s.askTell.scraped)}% back to back`,
    );
  }
} finally {
  for (const side of sides) await side.service.stop();
  for (const database of databases) await database.drop();
}
