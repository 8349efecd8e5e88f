// What the labeling page shows besides the candidates' cards: the messages
// line (notes, errors and a problem's field errors), the study's title and
// prompt, the progress line, and the redraw after every change of the picks
// (the cards' rank badges, the ranking row's chips, the hint, the buttons).
(function () {
  "use strict";
  const L = globalThis.minimaLabel;
  if (!L) return;
  const S = L.state;
  const order = L.$("order");
  const orderHint = L.$("order-hint");
  const progressLine = L.$("progress");
  const messages = L.$("messages");
  const submitButton = L.$("submit");
  const skipButton = L.$("skip");
  const undoButton = L.$("undo");
  const titleLine = L.$("title");
  const promptLine = L.$("prompt");
  let lastProgress = null;

  // ---- messages and progress -------------------------------------------------

  L.el = function (tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const el = L.el;

  L.say = function (text, kind) {
    messages.replaceChildren(el("p", kind || "", text));
  };

  L.sayError = function (text, issues) {
    const nodes = [el("p", "error", text)];
    if (issues && issues.length) {
      const ul = el("ul");
      issues.forEach(function (issue) {
        ul.append(el("li", "", issue.field + ": " + issue.message));
      });
      nodes.push(ul);
    }
    messages.replaceChildren.apply(messages, nodes);
  };

  L.sayProblem = function (error, doing) {
    const problem = error.problem;
    const text = problem && typeof problem.detail === "string"
      ? problem.detail
      : problem && typeof problem.title === "string"
      ? problem.title
      : error.status
      ? "HTTP " + error.status
      : "could not reach the server (" + error.message + ")";
    L.sayError("Could not " + doing + ": " + text, problem && problem.errors);
  };

  // The study as labelers see it (plain text, set as text: never parsed as HTML).
  L.showStudy = function (study) {
    const title = study && typeof study.title === "string" ? study.title : null;
    const prompt = study && typeof study.prompt === "string" ? study.prompt : null;
    titleLine.textContent = title || "Rank candidates";
    document.title = (title || "Rank candidates") + " · minima";
    promptLine.textContent = prompt || "";
    promptLine.hidden = !prompt;
  };

  L.showProgress = function (progress) {
    if (progress) lastProgress = progress;
    const p = lastProgress;
    const parts = [];
    if (p) {
      parts.push(p.answeredByYou + " ranked");
      parts.push(p.closed + (p.closed === 1 ? " comparison" : " comparisons") + " closed");
    }
    if (S.current) parts.push("round " + (S.current.number + 1));
    progressLine.textContent = parts.join(" · ");
  };

  // ---- the picks -------------------------------------------------------------

  // Redraws everything that depends on the picks.
  L.update = function () {
    Object.keys(S.cards).forEach(function (id) {
      const card = S.cards[id];
      const rank = S.picks.indexOf(id);
      const badge = card.querySelector(".rank");
      card.classList.toggle("picked", rank >= 0);
      card.setAttribute("aria-pressed", rank >= 0 ? "true" : "false");
      card.setAttribute(
        "aria-label",
        "Candidate " + (L.positionOf(id) + 1) + (rank >= 0 ? ", ranked " + (rank + 1) : ""),
      );
      badge.hidden = rank < 0;
      badge.textContent = rank >= 0 ? String(rank + 1) : "";
    });
    order.replaceChildren();
    S.picks.forEach(function (id, rank) {
      const chip = el("li", "chip");
      chip.draggable = true;
      chip.title = "Drag to reorder, click to remove";
      chip.append(el("b", "", String(rank + 1)));
      if (S.images[id]) {
        const thumb = document.createElement("img");
        thumb.alt = "";
        thumb.src = S.images[id];
        thumb.draggable = false;
        chip.append(thumb);
      }
      chip.append(el("span", "", "#" + (L.positionOf(id) + 1)));
      chip.addEventListener("click", function () {
        L.toggle(id);
      });
      L.addDragHandlers(chip, id);
      order.append(chip);
    });
    const wanted = S.current ? S.current.rankingLength : 0;
    orderHint.textContent = !S.current
      ? ""
      : S.picks.length === 0
      ? "none picked yet"
      : L.ranking()
      ? (L.touch ? "ready: tap Submit" : "ready: Enter to submit")
      : S.picks.length + " of " + wanted;
    L.setBusy(S.busy);
  };

  L.setBusy = function (value) {
    S.busy = value;
    submitButton.disabled = S.busy || L.ranking() === null;
    skipButton.disabled = S.busy || !S.current;
    undoButton.disabled = S.busy || S.answered.length === 0;
    L.root.setAttribute("aria-busy", S.busy ? "true" : "false");
  };
})();
