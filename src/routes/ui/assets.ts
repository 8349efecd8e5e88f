/**
 * The dashboard's static assets, read once at start-up and served under a
 * content hash (/ui/assets/<name>.<hash>.<ext>) with a year-long immutable
 * cache: uPlot (the charting library, from its npm package; no CDN) and the
 * dashboard's own script and style sheet (./client/*.js concatenated in
 * order, ./style.css). A changed file gets a new URL, so no page ever mixes
 * versions.
 */
import { sha256 } from "../../services/ids.ts";
import { readPageFiles } from "../html.ts";

/** One asset: its URL path and bytes. */
export interface Asset {
  path: string;
  type: string;
  body: Uint8Array;
}

/** The dashboard's own scripts, concatenated in this order (each an IIFE on `minimaUI`). */
const CLIENT_FILES = ["api.js", "charts.js", "parallel.js", "list.js", "study.js", "extras.js"];
const UPLOT = new URL("../../../node_modules/uplot/dist/", import.meta.url);

function asset(name: string, ext: string, type: string, text: string): Asset {
  const body = new TextEncoder().encode(text);
  return { path: `/ui/assets/${name}.${sha256(text).slice(0, 12)}.${ext}`, type, body };
}

/** The dashboard's assets by role. */
export interface Assets {
  uplotScript: Asset;
  uplotStyle: Asset;
  script: Asset;
  style: Asset;
  byPath: Map<string, Asset>;
}

let loaded: Promise<Assets> | undefined;

/** Reads (once) and hashes the assets. */
export function dashboardAssets(): Promise<Assets> {
  return loaded ??= (async () => {
    const read = (url: URL) => Deno.readTextFile(url);
    const here = (name: string) => new URL(name, import.meta.url);
    const js = "text/javascript; charset=utf-8";
    const css = "text/css; charset=utf-8";
    const all = {
      uplotScript: asset("uplot", "js", js, await read(new URL("uPlot.iife.min.js", UPLOT))),
      uplotStyle: asset("uplot", "css", css, await read(new URL("uPlot.min.css", UPLOT))),
      script: asset("dashboard", "js", js, readPageFiles(here("./client/"), CLIENT_FILES)),
      style: asset("dashboard", "css", css, await read(here("./style.css"))),
    };
    return { ...all, byPath: new Map(Object.values(all).map((a) => [a.path, a])) };
  })();
}
