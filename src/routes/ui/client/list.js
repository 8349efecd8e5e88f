// The study list (/ui): each of the project's studies with its algorithm,
// state (with the share of maxTrials used), trial counts by state, best value
// and last activity (getStudySummary), refreshed every 10 seconds while the tab is visible.
(function () {
  "use strict";
  const UI = globalThis.minimaUI;
  const root = document.getElementById("app");
  if (!root || root.dataset.view !== "list") return;
  // Newest first; each costs one summary request per refresh.
  const MAX_STUDIES = 200;

  function cell(label, children, cls) {
    return UI.el("td", { "data-label": label, class: cls }, children);
  }

  // The state, why a completed study completed (its title), and, where
  // settings.maxTrials is set, the share of it used.
  function state(s) {
    const parts = [UI.el("span", {
      class: "state " + s.state.toLowerCase(),
      text: s.state,
      title: s.completion ? UI.completionReason(s.completion.reason) : undefined,
    })];
    const p = s.progress;
    if (p && p.maxTrials !== null) {
      const bar = UI.el("progress", { max: 1, value: Math.min(p.fraction, 1) });
      parts.push(
        UI.el("span", {
          class: "progress",
          "data-fraction": p.fraction,
          title: p.trials + " of " + p.maxTrials + " trials (maxTrials)",
        }, [bar, " " + Math.round(100 * p.fraction) + "%"]),
      );
    }
    return UI.el("span", {}, parts); // one grid item in the phone's cards
  }

  async function refresh() {
    const studies = await UI.apiAll("/v1/studies", MAX_STUDIES);
    const summaries = await Promise.all(
      studies.map((s) => UI.api("/v1/studies/" + s.id + "/summary").catch(() => null)),
    );
    const body = UI.$("study-table").tBodies[0];
    body.replaceChildren(...studies.map((s, i) => {
      const sum = summaries[i];
      const best = sum && sum.best
        ? UI.num(sum.best.value) + " (" + sum.metric + ", #" + sum.best.trialNumber + ")"
        : "–";
      const last = (sum && sum.lastActivityAt) || s.updatedAt;
      return UI.el("tr", { "data-study-id": s.id }, [
        cell("Name", UI.el("a", { href: "/ui/studies/" + s.id, text: s.name }), "name"),
        cell("Algorithm", s.algorithm.name),
        cell("State", state(s)),
        cell("Trials", UI.counts(s.trialCounts), "counts"),
        cell("Best", best, "best"),
        cell("Last activity", UI.el("time", { datetime: last, title: last, text: UI.ago(last) })),
      ]);
    }));
    UI.$("study-empty").hidden = studies.length > 0;
    UI.$("study-more").hidden = studies.length < MAX_STUDIES;
    UI.$("studies").hidden = false;
  }

  UI.whenSignedIn(function () {
    UI.poll(refresh, 10000);
  });
})();
