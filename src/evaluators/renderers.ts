/**
 * Renderers: turn a candidate's params into an image a person can judge.
 *
 * A study names one in its labeling settings; the comparisons API serves each
 * candidate's rendering. The built-ins draw SVG from the params' encoded
 * coordinates (each in [0, 1]). A study may instead name an ONNX model that
 * maps params to an image: that one needs the service context (the runtime,
 * the model's bytes), so it lives in src/services/model_renderer.ts and gives
 * the same `Rendering` (PNG, made by ./image.ts).
 */
import type { Params } from "../space/schema.ts";
import type { Space } from "../space/mod.ts";

/** An image made from a candidate's params. */
export interface Rendering {
  contentType: string;
  body: string | Uint8Array;
}

/** Something that draws candidates. */
export interface Renderer {
  name: string;
  render(params: Params, space: Space): Rendering | Promise<Rendering>;
}

function hex(u: number): string {
  return Math.round(Math.min(1, Math.max(0, u)) * 255).toString(16).padStart(2, "0");
}

/** The first three coordinates as red, green and blue (missing ones are 0.5). */
export const colorRenderer: Renderer = {
  name: "color",
  render(params, space) {
    const u = space.encode(params);
    const rgb = [0, 1, 2].map((i) => u[i] ?? 0.5);
    const color = `#${rgb.map(hex).join("")}`;
    const light = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] > 0.55;
    const body = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" ` +
      `height="200" role="img" aria-label="colour ${color}"><rect width="200" height="200" ` +
      `rx="12" fill="${color}"/><text x="100" y="185" text-anchor="middle" ` +
      `font-family="monospace" font-size="14" fill="${
        light ? "#000" : "#fff"
      }">${color}</text></svg>`;
    return { contentType: "image/svg+xml", body };
  },
};

/**
 * Every coordinate as the height of a point, evenly spaced left to right, joined
 * by a smooth curve (Catmull-Rom through the points, as cubic Béziers).
 */
export const curveRenderer: Renderer = {
  name: "curve",
  render(params, space) {
    const u = space.encode(params);
    const ys = u.length === 1 ? [u[0], u[0]] : u;
    const w = 200, h = 200, pad = 16;
    const pts = ys.map((y, i) => [
      pad + (i * (w - 2 * pad)) / (ys.length - 1),
      h - pad - y * (h - 2 * pad),
    ]);
    let d = `M${pts[0][0].toFixed(1)},${pts[0][1].toFixed(1)}`;
    for (let i = 0; i < pts.length - 1; i++) {
      const p0 = pts[Math.max(0, i - 1)], p1 = pts[i], p2 = pts[i + 1];
      const p3 = pts[Math.min(pts.length - 1, i + 2)];
      const c1 = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
      const c2 = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
      d += ` C${c1.map((v) => v.toFixed(1)).join(",")} ${c2.map((v) => v.toFixed(1)).join(",")} ` +
        `${p2[0].toFixed(1)},${p2[1].toFixed(1)}`;
    }
    const body = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" ` +
      `height="${h}" role="img" aria-label="curve"><rect width="${w}" height="${h}" rx="12" ` +
      `fill="#fafafa" stroke="#ddd"/><path d="${d}" fill="none" stroke="#2563eb" ` +
      `stroke-width="3" stroke-linecap="round"/></svg>`;
    return { contentType: "image/svg+xml", body };
  },
};

const RENDERERS: Record<string, Renderer> = {
  [colorRenderer.name]: colorRenderer,
  [curveRenderer.name]: curveRenderer,
};

/** The renderer of a name, if there is one. */
export function findRenderer(name: string): Renderer | undefined {
  return Object.hasOwn(RENDERERS, name) ? RENDERERS[name] : undefined;
}
