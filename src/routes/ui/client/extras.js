// The study page's runs and schedules (with each run's progress), and, for a
// study that people rank, its comparisons: done and pending, rankings
// received, agreement between labelers, and x_t's movement (the centre of each comparison's candidates,
// x_t + μ·ξᵢ, round by round, and the algorithm's current x_t).
(function () {
  "use strict";
  const UI = globalThis.minimaUI;
  const root = document.getElementById("app");
  if (!root || root.dataset.view !== "study") return;
  const base = "/v1/studies/" + root.dataset.studyId;

  function table(id, headings, rows) {
    const t = UI.$(id);
    t.tHead.replaceChildren(UI.el("tr", {}, headings.map((h) => UI.el("th", { text: h }))));
    t.tBodies[0].replaceChildren(
      ...rows.map((cells) => UI.el("tr", {}, cells.map((c) => UI.el("td", {}, c)))),
    );
    t.hidden = rows.length === 0;
  }

  async function runsAndSchedules() {
    const [runs, schedules] = await Promise.all([
      UI.apiAll(base + "/runs", 200),
      UI.apiAll(base + "/schedules", 200),
    ]);
    table(
      "run-table",
      ["run", "state", "progress", "in flight", "best", "started"],
      runs.map((r) => [
        r.id.slice(0, 8),
        UI.el("span", { class: "state " + r.state.toLowerCase(), text: r.state }),
        UI.progress(r.completed, r.budget),
        String(r.inFlight),
        r.best ? UI.num(r.best.value) : "–",
        UI.ago(r.startedAt || r.createdAt),
      ]),
    );
    table(
      "schedule-table",
      ["schedule", "cron", "budget", "paused", "next tick"],
      schedules.map((s) => [
        s.id.slice(0, 8),
        s.cron + " (" + s.timezone + ")",
        String(s.run.budget),
        s.paused ? "yes" : "no",
        s.nextTickAt ? new Date(s.nextTickAt).toLocaleString() : "–",
      ]),
    );
    UI.$("runs").hidden = runs.length === 0 && schedules.length === 0;
  }

  async function rankings(study) {
    const [comparisons, best, agreement] = await Promise.all([
      UI.apiAll(base + "/comparisons", 5000),
      UI.api(base + "/trials/best"),
      UI.api(base + "/agreement"),
    ]);
    const by = { OPEN: 0, RANKED: 0, SKIPPED: 0 };
    let received = 0;
    for (const c of comparisons) {
      by[c.state] = (by[c.state] || 0) + 1;
      received += c.rankingsReceived;
    }
    const dl = UI.$("ranking-facts");
    dl.replaceChildren();
    const fact = (k, v) => dl.append(UI.el("dt", { text: k }), UI.el("dd", { text: v }));
    fact("comparisons ranked", String(by.RANKED));
    fact("pending", String(by.OPEN));
    fact("skipped", String(by.SKIPPED));
    fact("rankings received", String(received));
    fact("rankings per comparison", String(study.labeling.rankingsPerComparison ?? 1));
    fact("labelers", String(agreement.labelers));
    fact(
      "agreement between labelers",
      agreement.agreement === null
        ? "– (no comparison ranked by two yet)"
        : (100 * agreement.agreement).toFixed(0) + "% of " + agreement.compared +
          " candidate pairs, over " + agreement.comparisons + " comparisons",
    );
    const xt = best.recommendation && best.recommendation.params;
    fact("x_t now", xt ? Object.entries(xt).map((e) => e[0] + " " + UI.num(e[1])).join(", ") : "–");
    const names = ((study.space && study.space.parameters) || [])
      .filter((p) => p.type !== "categorical").map((p) => p.name);
    const sorted = comparisons.slice().sort((a, b) => a.number - b.number);
    const xs = sorted.map((c) => c.number);
    const series = names.map((n) =>
      sorted.map((c) => {
        const vs = c.candidates.map((k) => k.params[n]).filter((v) => typeof v === "number");
        return vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : null;
      })
    );
    const node = UI.$("xt-chart");
    node.dataset.rounds = String(xs.length);
    if (xs.length) {
      const palette = ["#e4572e", "#21918c", "#3b528b", "#f0a202", "#5ec962", "#440154"];
      UI.lineChart(node, {
        label: "comparison",
        series: names.map((n, i) => ({ label: n, stroke: palette[i % palette.length] })),
        data: [xs].concat(series),
        key: "xt:" + names.join(","),
      });
    }
    UI.$("ranking").hidden = false;
  }

  UI.refreshExtras = async function (study) {
    await runsAndSchedules();
    if (study.labeling) await rankings(study);
  };
})();
