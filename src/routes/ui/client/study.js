// The study page (/ui/studies/{id}): its facts (with the progress toward its
// stop conditions and why it completed), then, refreshed every 4
// seconds while the tab is visible (polling, not SSE: one listing per tick,
// and nothing to hold open), the history, parallel coordinates and slices of
// its trials, the parameter importance (fetched again when 10% more trials
// have completed), and the trial table (filter, sort, CSV/JSONL export).
(function () {
  "use strict";
  const UI = globalThis.minimaUI;
  const root = document.getElementById("app");
  if (!root || root.dataset.view !== "study") return;
  const studyId = root.dataset.studyId;
  const base = "/v1/studies/" + studyId;
  const MAX_ROWS = 500;

  let study = null;
  let trials = [];
  let importanceAt = -1; // completed trials when the importance was last fetched
  let sortKey = "number";
  let sortDir = 1;

  /** A fact: its value is text or nodes (never HTML), `attrs` go on its <dd>. */
  function fact(dl, name, value, attrs) {
    dl.append(UI.el("dt", { text: name }), UI.el("dd", attrs || {}, value));
  }

  // The stop conditions (settings.maxTrials, settings.deadline): progress
  // toward them while the study runs, and why and when it completed.
  function stopFacts(dl) {
    const p = study.progress;
    if (p && p.maxTrials !== null) {
      fact(dl, "max trials", UI.progress(p.trials, p.maxTrials), {
        id: "study-progress",
        "data-trials": p.trials,
        "data-max-trials": p.maxTrials,
      });
    }
    if (p && p.deadline) {
      // Time left matters only while the study runs.
      const left = p.remainingSeconds <= 0
        ? " · passed"
        : study.state === "COMPLETED"
        ? ""
        : " · " + UI.duration(p.remainingSeconds) + " left";
      fact(dl, "deadline", [UI.time(p.deadline), left], {
        id: "study-deadline",
        "data-remaining-seconds": p.remainingSeconds,
      });
    }
    const c = study.completion;
    if (c) {
      fact(
        dl,
        "completed",
        [UI.completionReason(c.reason)].concat(
          c.completedAt ? [" · ", UI.time(c.completedAt)] : [],
        ),
        { id: "study-completion", "data-reason": c.reason },
      );
    }
  }

  function metricOf() {
    const m = study.objective && study.objective.metrics && study.objective.metrics[0];
    return m ? { name: m.name, goal: m.goal } : { name: "value", goal: "minimize" };
  }

  function drawFacts(summary) {
    UI.$("study-name").textContent = study.name;
    document.title = study.name + " · minima";
    const dl = UI.$("study-facts");
    dl.replaceChildren();
    const m = metricOf();
    fact(dl, "algorithm", study.algorithm.name);
    fact(dl, "state", study.state);
    stopFacts(dl);
    fact(dl, "objective", m.goal + " " + m.name);
    fact(dl, "trials", UI.counts(study.trialCounts));
    fact(
      dl,
      "best",
      summary && summary.best
        ? UI.num(summary.best.value) + " (trial " + summary.best.trialNumber + ")"
        : "–",
    );
    fact(dl, "last activity", UI.ago(summary && summary.lastActivityAt));
    UI.$("overview").hidden = false;
  }

  // ---- importance ----------------------------------------------------------

  async function importance(completed) {
    if (importanceAt >= 0 && completed < Math.max(importanceAt + 5, importanceAt * 1.1)) return;
    importanceAt = completed;
    const r = await UI.api(base + "/importance");
    const note = UI.$("importance-note");
    const list = UI.$("importance-bars");
    if (r.parameters.length === 0) {
      note.textContent = "Needs at least 4 completed trials with a value (" + r.completed +
        " so far).";
      list.replaceChildren();
    } else {
      note.textContent = "Permutation importance on a Gaussian process fitted to " + r.trials +
        " of " + r.completed + " completed trials (R² " + UI.num(r.r2) + "): the share of " +
        r.metric + "'s variance lost when the parameter is shuffled.";
      const top = Math.max(...r.parameters.map((p) => p.importance), 1e-12);
      const sorted = r.parameters.slice().sort((a, b) => b.importance - a.importance);
      list.replaceChildren(...sorted.map((p) => {
        const bar = UI.el("span", { class: "bar" });
        bar.style.width = (100 * p.importance / top).toFixed(1) + "%";
        return UI.el("li", { "data-name": p.name, "data-importance": p.importance }, [
          UI.el("span", { class: "name", text: p.name }),
          UI.el("span", { class: "track" }, bar),
          UI.el("span", { class: "figure", text: UI.num(p.importance) }),
        ]);
      }));
    }
    UI.$("importance").hidden = false;
  }

  // ---- the trial table -----------------------------------------------------

  function columns() {
    const metrics = ((study.objective && study.objective.metrics) || []).map((m) => m.name);
    const params = ((study.space && study.space.parameters) || []).map((p) => p.name);
    return [
      { key: "number", label: "#", get: (t) => t.number },
      { key: "state", label: "state", get: (t) => t.state },
    ].concat(
      metrics.map((m) => ({
        key: "v:" + m,
        label: m,
        get: (t) => (t.values ? t.values[m] : null),
      })),
      params.map((p) => ({ key: "p:" + p, label: p, get: (t) => t.params[p] })),
      [{ key: "completedAt", label: "finished", get: (t) => t.completedAt }],
    );
  }

  function drawTable() {
    const cols = columns();
    const table = UI.$("trial-table");
    const head = table.tHead;
    if (!head.rows.length) {
      head.append(UI.el(
        "tr",
        {},
        cols.map((c) =>
          UI.el(
            "th",
            { scope: "col" },
            UI.el("button", {
              type: "button",
              class: "sort",
              "data-key": c.key,
              text: c.label,
              onclick: function () {
                sortDir = sortKey === c.key ? -sortDir : 1;
                sortKey = c.key;
                drawTable();
              },
            }),
          )
        ),
      ));
    }
    for (const b of head.querySelectorAll("button.sort")) {
      b.dataset.dir = b.dataset.key === sortKey ? (sortDir > 0 ? "asc" : "desc") : "";
    }
    const text = UI.$("trial-filter").value.trim().toLowerCase();
    const state = UI.$("trial-state").value;
    const col = cols.find((c) => c.key === sortKey) || cols[0];
    const shown = trials.filter((t) =>
      (!state || t.state === state) &&
      (!text || cols.some((c) => String(c.get(t) ?? "").toLowerCase().includes(text)))
    ).sort((a, b) => {
      const x = col.get(a);
      const y = col.get(b);
      if (x === y) return a.number - b.number;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * sortDir;
    });
    table.tBodies[0].replaceChildren(
      ...shown.slice(0, MAX_ROWS).map((t) =>
        UI.el(
          "tr",
          { "data-number": t.number },
          cols.map((c) => {
            const v = c.get(t);
            return UI.el("td", {
              class: c.key === "state" ? "state " + String(v).toLowerCase() : undefined,
              text: c.key === "completedAt" ? (v ? new Date(v).toLocaleString() : "–") : UI.num(v),
            });
          }),
        )
      ),
    );
    UI.$("trial-count").textContent = shown.length === trials.length
      ? trials.length + " trials"
      : shown.length + " of " + trials.length + " trials" +
        (shown.length > MAX_ROWS ? " (first " + MAX_ROWS + " shown)" : "");
    UI.$("trials").hidden = false;
  }

  async function download(format) {
    try {
      const blob = await UI.api(base + "/trials/export?format=" + format, { raw: true });
      const url = URL.createObjectURL(blob);
      const a = UI.el("a", { href: url, download: study.name + "-trials." + format });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (error) {
      UI.message("Export failed: " + error.message, "error");
    }
  }

  // ---- the refresh ---------------------------------------------------------

  async function refresh() {
    const [s, summary, all] = await Promise.all([
      UI.api(base),
      UI.api(base + "/summary"),
      UI.apiAll(base + "/trials", 20000),
    ]);
    study = s;
    trials = all;
    drawFacts(summary);
    const m = metricOf();
    const completed = trials.filter((t) => t.state === "COMPLETED").length;
    if (study.space && study.space.parameters.length && !study.labeling) {
      UI.$("history").hidden = false;
      UI.$("parallel").hidden = false;
      UI.$("slices").hidden = false;
      UI.drawHistory(UI.$("history-chart"), trials, m.name, m.goal);
      UI.drawParallel(UI.$("parallel-chart"), study.space, trials, m.name, m.goal);
      UI.drawSlices(UI.$("slice-charts"), study.space, trials, m.name);
      await importance(completed);
    }
    const select = UI.$("trial-state");
    if (select.options.length === 1) {
      for (const name of Object.keys(study.trialCounts)) {
        select.append(UI.el("option", { value: name, text: name.toLowerCase() }));
      }
    }
    drawTable();
    if (UI.refreshExtras) await UI.refreshExtras(study, trials);
  }

  UI.whenSignedIn(function () {
    UI.$("trial-filter").addEventListener("input", drawTable);
    UI.$("trial-state").addEventListener("change", drawTable);
    UI.$("export-csv").addEventListener("click", () => download("csv"));
    UI.$("export-jsonl").addEventListener("click", () => download("jsonl"));
    UI.poll(refresh, 4000);
  });
})();
