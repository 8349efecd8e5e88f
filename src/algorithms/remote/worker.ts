/**
 * The designer worker the service's pool starts: serves every registered
 * algorithm (see serve.ts).
 */
/// <reference lib="deno.worker" />
import { findAlgorithm } from "../mod.ts";
import { serveDesigners } from "./serve.ts";

serveDesigners(findAlgorithm);
