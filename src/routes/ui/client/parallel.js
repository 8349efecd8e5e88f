// Parallel coordinates of the study page: one vertical axis per parameter
// and one for the value, one line per COMPLETED trial coloured by its value
// (viridis, low to high). uPlot draws x/y charts only, so this one is a small
// SVG of its own: linear (or log, as the space says) scales from the space's
// bounds, categoricals evenly spaced in their listed order.
(function () {
  "use strict";
  const UI = globalThis.minimaUI;
  const NS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A map of a parameter's values to [0, 1] (0 at the bottom), with tick labels. */
  function scaleOf(p) {
    if (p.type === "categorical") {
      const n = p.values.length;
      const at = (v) => (n === 1 ? 0.5 : p.values.indexOf(v) / (n - 1));
      return { at, ticks: p.values.map((v) => [at(v), String(v)]) };
    }
    const log = p.scale === "log" && p.min > 0;
    const f = (v) => (log ? Math.log(v) : v);
    const lo = f(p.min);
    const hi = f(p.max);
    const at = (v) => (hi === lo ? 0.5 : (f(v) - lo) / (hi - lo));
    return { at, ticks: [[0, UI.num(p.min)], [1, UI.num(p.max)]] };
  }

  UI.drawParallel = function (node, space, trials, metric, goal) {
    const params = (space && space.parameters) || [];
    const done = trials.filter((t) =>
      t.state === "COMPLETED" && t.values &&
      typeof t.values[metric] === "number"
    );
    const values = done.map((t) => t.values[metric]);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const valueScale = {
      at: (v) => (hi === lo ? 0.5 : (v - lo) / (hi - lo)),
      ticks: done.length ? [[0, UI.num(lo)], [1, UI.num(hi)]] : [],
    };
    const axes = params.map((p) => ({
      name: p.name,
      scale: scaleOf(p),
      get: (t) => t.params[p.name],
    }))
      .concat([{ name: metric, scale: valueScale, get: (t) => t.values[metric], value: true }]);
    const width = Math.max(node.clientWidth || 300, 80 * axes.length);
    const height = 300;
    const top = 28;
    const bottom = 28;
    const left = 48;
    const right = 48;
    const x = (i) =>
      left + (axes.length === 1 ? 0 : (i * (width - left - right)) / (axes.length - 1));
    const y = (u) => top + (1 - u) * (height - top - bottom);
    const root = svg("svg", {
      width,
      height,
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-label": "Parallel coordinates of " + done.length + " trials",
    });
    const lines = svg("g", { class: "lines", fill: "none", "stroke-width": 1.5 });
    // The best trials drawn last, on top.
    const order = done.map((_t, i) => i).sort((a, b) =>
      goal === "maximize" ? values[a] - values[b] : values[b] - values[a]
    );
    for (const i of order) {
      const t = done[i];
      const points = axes.map((a, k) => {
        const v = a.get(t);
        return x(k).toFixed(1) + "," + y(a.scale.at(v)).toFixed(1);
      });
      lines.append(svg("polyline", {
        points: points.join(" "),
        stroke: UI.colour(valueScale.at(values[i])),
        "stroke-opacity": 0.75,
        "data-number": t.number,
      }));
    }
    root.append(lines);
    axes.forEach((a, k) => {
      const g = svg("g", { class: a.value ? "axis value" : "axis" });
      g.append(svg("line", { x1: x(k), x2: x(k), y1: y(0), y2: y(1), stroke: "#333" }));
      g.append(
        svg("text", { x: x(k), y: 16, "text-anchor": "middle", class: "axis-name" }, a.name),
      );
      for (const [u, label] of a.scale.ticks) {
        g.append(svg("text", {
          x: x(k) + 4,
          y: y(u) + (u === 0 ? -3 : u === 1 ? 11 : 4),
          class: "tick",
        }, label));
      }
      root.append(g);
    });
    node.replaceChildren(root);
    node.dataset.lines = String(done.length);
  };
})();
