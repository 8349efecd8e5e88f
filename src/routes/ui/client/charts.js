// uPlot charts of the study page: the optimisation history (each value and
// the best so far, by trial number) and the slice plots (one parameter
// against the value). Charts follow their container's width.
(function () {
  "use strict";
  const UI = globalThis.minimaUI;
  const charts = new Map(); // container id -> {plot, node}

  const observer = new ResizeObserver(function (entries) {
    for (const entry of entries) {
      const c = charts.get(entry.target.id);
      const width = Math.floor(entry.contentRect.width);
      if (c && width > 0 && width !== c.plot.width) {
        c.plot.setSize({ width, height: c.plot.height });
      }
    }
  });

  /** Draws (or updates, when the series are the same) a chart in `node`. */
  function draw(node, opts, data, key) {
    const known = charts.get(node.id);
    if (known && known.key === key) {
      known.plot.setData(data);
      return known.plot;
    }
    if (known) known.plot.destroy();
    const width = Math.max(200, Math.floor(node.clientWidth || 300));
    const plot = new uPlot(Object.assign({ width }, opts), data, node);
    charts.set(node.id, { plot, key });
    observer.observe(node);
    return plot;
  }

  UI.drawChart = draw;

  const axis = { stroke: "#555", grid: { stroke: "#eee" }, ticks: { stroke: "#ddd" } };
  /** Tick steps for an axis of whole numbers (trial and comparison numbers). */
  UI.WHOLE = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000];

  /** The history: x trial number, each COMPLETED value as a point and the best so far. */
  UI.drawHistory = function (node, trials, metric, goal) {
    const done = trials.filter((t) =>
      t.state === "COMPLETED" && t.values &&
      typeof t.values[metric] === "number"
    ).sort((a, b) => a.number - b.number);
    const xs = [];
    const ys = [];
    const best = [];
    let b = null;
    for (const t of done) {
      const v = t.values[metric];
      b = b === null ? v : goal === "maximize" ? Math.max(b, v) : Math.min(b, v);
      xs.push(t.number);
      ys.push(v);
      best.push(b);
    }
    node.dataset.points = String(xs.length);
    node.dataset.best = b === null ? "" : String(b);
    return draw(
      node,
      {
        height: 260,
        legend: { show: true },
        cursor: { drag: { x: true, y: false } },
        scales: { x: { time: false } },
        axes: [
          Object.assign({ label: "trial", incrs: UI.WHOLE }, axis),
          Object.assign({ label: metric }, axis),
        ],
        series: [
          { label: "trial" },
          {
            label: metric,
            stroke: "#3b528b",
            paths: () => null,
            points: { show: true, size: 6, fill: "#3b528b" },
          },
          {
            label: "best so far",
            stroke: "#e4572e",
            width: 2,
            paths: uPlot.paths.stepped({ align: 1 }),
            points: { show: false },
          },
        ],
      },
      [xs, ys, best],
      "history:" + metric,
    );
  };

  /** One slice per parameter: its value against the metric's, for COMPLETED trials. */
  UI.drawSlices = function (container, space, trials, metric) {
    const done = trials.filter((t) =>
      t.state === "COMPLETED" && t.values &&
      typeof t.values[metric] === "number"
    );
    const params = (space && space.parameters) || [];
    for (const p of params) {
      const id = "slice-" + p.name.replace(/[^\w-]/g, "_");
      let box = document.getElementById(id);
      if (!box) {
        box = UI.el("div", { id, class: "chart" });
        container.append(
          UI.el("figure", { class: "slice" }, [UI.el("figcaption", { text: p.name }), box]),
        );
      }
      const cat = p.type === "categorical";
      const pairs = done.map((t) => {
        const v = t.params[p.name];
        return [
          cat ? p.values.indexOf(v) : typeof v === "boolean" ? Number(v) : v,
          t.values[metric],
        ];
      }).filter((xy) => typeof xy[0] === "number" && (!cat || xy[0] >= 0))
        .sort((a, b) => a[0] - b[0]);
      box.dataset.points = String(pairs.length);
      const xAxis = Object.assign({ label: p.name }, axis);
      if (cat) {
        xAxis.values = (_u, splits) => splits.map((s) => (Number.isInteger(s) ? p.values[s] : ""));
        xAxis.splits = () => p.values.map((_v, i) => i);
      }
      draw(
        box,
        {
          height: 200,
          legend: { show: false },
          cursor: { drag: { x: false, y: false } },
          scales: {
            x: Object.assign(
              { time: false },
              p.scale === "log" ? { distr: 3 } : {},
              cat ? { range: [-0.5, p.values.length - 0.5] } : {},
            ),
          },
          axes: [xAxis, Object.assign({ label: metric, size: 60 }, axis)],
          series: [
            {},
            {
              stroke: "#21918c",
              paths: () => null,
              points: { show: true, size: 5, fill: "#21918c" },
            },
          ],
        },
        [pairs.map((xy) => xy[0]), pairs.map((xy) => xy[1])],
        "slice:" + metric,
      );
    }
  };
})();
(function () {
  "use strict";
  const UI = globalThis.minimaUI;
  /** A line chart of several series over a numeric x (`spec`: label, series, data, key). */
  UI.lineChart = function (node, spec) {
    return UI.drawChart(
      node,
      {
        height: 220,
        legend: { show: true },
        scales: { x: { time: false } },
        axes: [{ label: spec.label, stroke: "#555", incrs: UI.WHOLE }, {
          stroke: "#555",
          size: 50,
        }],
        series: [{ label: spec.label }].concat(spec.series.map((s) => ({
          label: s.label,
          stroke: s.stroke,
          width: 2,
          points: { show: true, size: 5 },
        }))),
      },
      spec.data,
      spec.key,
    );
  };
})();
