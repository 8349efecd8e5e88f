/**
 * `deno task worker`: a process that only executes runs. It serves no API,
 * only /healthz, /readyz and /metrics on `PORT`, and shares the API
 * processes' PostgreSQL server (`DATABASE_URL`): its `MINIMA_RUN_WORKERS`
 * workers claim batches of any run from the database, so it can run on
 * another host, with its own `MINIMA_ONNX_PROVIDERS` (a GPU host takes the
 * runs that require a GPU). The start is the service's (src/main.ts).
 */
import { startProcess } from "./main.ts";

if (import.meta.main) await startProcess("worker");
