// The labeling page's script (inlined by mod.tsx with the response's CSP nonce;
// plain JavaScript, no build step). It talks to this origin's comparisons API
// with the labeler's token as a bearer header; the token comes from the URL
// fragment (#token=…, moved to sessionStorage and cleared from the address) or
// from the form, and is never put in a URL.
(function () {
  "use strict";

  const root = document.getElementById("app");
  if (!root) return;
  const studyId = root.getAttribute("data-study-id");
  const base = "/v1/studies/" + studyId + "/comparisons";
  const storageKey = "minima.label.token." + studyId;
  const answeredKey = "minima.label.answered." + studyId;
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const $ = function (id) {
    return document.getElementById(id);
  };
  const form = $("token-form");
  const tokenInput = $("token-input");
  const forgetButton = $("forget");
  const section = $("labeling");
  const list = $("candidates");
  const order = $("order");
  const orderHint = $("order-hint");
  const progressLine = $("progress");
  const instructions = $("instructions");
  const messages = $("messages");
  const submitButton = $("submit");
  const skipButton = $("skip");
  const undoButton = $("undo");
  const titleLine = $("title");
  const promptLine = $("prompt");
  // Touch screens: no key hints in messages either (style.css hides the others).
  const touch = typeof matchMedia === "function" &&
    matchMedia("(hover: none), (pointer: coarse)").matches;

  let token = null;
  let current = null; // the comparison shown
  let picks = []; // candidate ids, best first
  let answered = []; // comparisons answered on this page, last on top: {id, number, kind}
  let busy = false;
  let generation = 0; // bumped whenever the shown comparison changes
  let images = {}; // candidate id -> blob: URL of its rendering
  let cards = {}; // candidate id -> its <li>
  let dragId = null;
  let retryTimer = null;
  let lastProgress = null;
  const takeBack = touch ? "Undo takes it back." : "Press U to take it back.";

  // ---- the token -----------------------------------------------------------

  function store(value) {
    try {
      if (value === null) sessionStorage.removeItem(storageKey);
      else sessionStorage.setItem(storageKey, value);
    } catch (_) {
      // storage disabled: the token lives in memory only
    }
  }

  function stored() {
    try {
      return sessionStorage.getItem(storageKey);
    } catch (_) {
      return null;
    }
  }

  // The answers U can take back, kept across reloads of this tab.
  function loadAnswered() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(answeredKey) || "[]");
      return Array.isArray(saved)
        ? saved.filter(function (a) {
          return a && typeof a.id === "string" && UUID.test(a.id) &&
            typeof a.number === "number";
        }).slice(-50)
        : [];
    } catch (_) {
      return [];
    }
  }

  function saveAnswered() {
    try {
      if (answered.length) sessionStorage.setItem(answeredKey, JSON.stringify(answered.slice(-50)));
      else sessionStorage.removeItem(answeredKey);
    } catch (_) {
      // storage disabled: the undo history lives in memory only
    }
  }

  // Moves `token=…` out of the fragment (into sessionStorage) and clears it from the address.
  function takeTokenFromFragment() {
    const hash = location.hash.replace(/^#/, "");
    if (!hash) return false;
    const rest = [];
    let found = null;
    hash.split("&").forEach(function (part) {
      if (part.indexOf("token=") === 0) {
        try {
          found = decodeURIComponent(part.slice(6)).trim();
        } catch (_) {
          found = part.slice(6).trim();
        }
      } else if (part) rest.push(part);
    });
    if (found === null) return false;
    history.replaceState(
      history.state,
      "",
      location.pathname + location.search + (rest.length ? "#" + rest.join("&") : ""),
    );
    if (!found) return false;
    token = found;
    store(token);
    return true;
  }

  function askForToken(why) {
    token = null;
    store(null);
    answered = [];
    saveAnswered();
    stopRetry();
    clearComparison();
    section.hidden = true;
    forgetButton.hidden = true;
    form.hidden = false;
    if (why) sayError(why);
    tokenInput.focus();
  }

  function start() {
    form.hidden = true;
    forgetButton.hidden = false;
    section.hidden = false;
    answered = loadAnswered();
    loadNext(false);
  }

  // ---- messages and progress -------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function say(text, kind) {
    messages.replaceChildren(el("p", kind || "", text));
  }

  function sayError(text, issues) {
    const nodes = [el("p", "error", text)];
    if (issues && issues.length) {
      const ul = el("ul");
      issues.forEach(function (issue) {
        ul.append(el("li", "", issue.field + ": " + issue.message));
      });
      nodes.push(ul);
    }
    messages.replaceChildren.apply(messages, nodes);
  }

  function sayProblem(error, doing) {
    const problem = error.problem;
    const text = problem && typeof problem.detail === "string"
      ? problem.detail
      : problem && typeof problem.title === "string"
      ? problem.title
      : error.status
      ? "HTTP " + error.status
      : "could not reach the server (" + error.message + ")";
    sayError("Could not " + doing + ": " + text, problem && problem.errors);
  }

  // The study as labelers see it (plain text, set as text: never parsed as HTML).
  function showStudy(study) {
    const title = study && typeof study.title === "string" ? study.title : null;
    const prompt = study && typeof study.prompt === "string" ? study.prompt : null;
    titleLine.textContent = title || "Rank candidates";
    document.title = (title || "Rank candidates") + " · minima";
    promptLine.textContent = prompt || "";
    promptLine.hidden = !prompt;
  }

  function showProgress(progress) {
    if (progress) lastProgress = progress;
    const p = lastProgress;
    const parts = [];
    if (p) {
      parts.push(p.answeredByYou + " ranked");
      parts.push(p.closed + (p.closed === 1 ? " comparison" : " comparisons") + " closed");
    }
    if (current) parts.push("round " + (current.number + 1));
    progressLine.textContent = parts.join(" · ");
  }

  // ---- the API ---------------------------------------------------------------

  async function api(method, path, body, idempotencyKey) {
    const headers = { Authorization: "Bearer " + token, Accept: "application/json" };
    if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
    const init = {
      method: method,
      headers: headers,
      cache: "no-store",
      credentials: "omit",
      referrerPolicy: "no-referrer",
    };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      const offline = new Error(String(e && e.message || e));
      offline.status = 0;
      throw offline;
    }
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch (_) {
      data = null;
    }
    if (!response.ok) {
      const error = new Error("HTTP " + response.status);
      error.status = response.status;
      error.problem = data;
      throw error;
    }
    return data;
  }

  // Only this origin's /v1 routes ever see the token.
  function ownApiUrl(url) {
    try {
      const parsed = new URL(url, location.origin);
      return parsed.origin === location.origin && parsed.pathname.indexOf("/v1/") === 0
        ? parsed.pathname + parsed.search
        : null;
    } catch (_) {
      return null;
    }
  }

  // ---- fetching comparisons --------------------------------------------------

  function stopRetry() {
    if (retryTimer !== null) clearInterval(retryTimer);
    retryTimer = null;
  }

  // Counts down `seconds` in the messages (with `text` before it), then fetches again.
  function retryIn(seconds, text, isError) {
    stopRetry();
    let left = Math.max(1, Math.min(600, Math.ceil(seconds)));
    const tell = function () {
      const line = isError
        ? text + ", retrying in " + left + "s"
        : text + "; this page checks again in " + left + "s";
      if (isError) sayError(line);
      else say(line);
    };
    tell();
    retryTimer = setInterval(function () {
      left -= 1;
      if (left <= 0) {
        stopRetry();
        loadNext(false);
      } else tell();
    }, 1000);
  }

  async function loadNext(keepMessage) {
    stopRetry();
    if (!token) return;
    setBusy(true);
    try {
      const next = await api("POST", base + "/next");
      showStudy(next.study);
      if (next.comparison) {
        show(next.comparison);
        if (!keepMessage) messages.replaceChildren();
      } else {
        clearComparison();
        retryIn(
          typeof next.retryAfterSeconds === "number" ? next.retryAfterSeconds : 5,
          typeof next.detail === "string" ? next.detail : "No comparison available",
          false,
        );
      }
      showProgress(next.progress);
    } catch (error) {
      if (error.status === 401 || error.status === 403) {
        setBusy(false);
        const problem = error.problem;
        askForToken(
          "The token was refused: " +
            (problem && problem.detail ? problem.detail : "HTTP " + error.status),
        );
        return;
      }
      clearComparison();
      sayProblem(error, "fetch a comparison");
      if (error.status !== 404) {
        const said = messages.textContent;
        retryIn(error.status === 409 ? 15 : 5, said, true);
      }
    } finally {
      setBusy(false);
    }
  }

  // ---- showing a comparison --------------------------------------------------

  function clearComparison() {
    generation += 1;
    current = null;
    picks = [];
    cards = {};
    Object.keys(images).forEach(function (id) {
      URL.revokeObjectURL(images[id]);
    });
    images = {};
    list.replaceChildren();
    instructions.textContent = "";
    update();
    showProgress();
  }

  function show(comparison) {
    if (current && current.id === comparison.id) {
      // The same comparison again (still held): keep the picks and images.
      current = comparison;
      const ids = comparison.candidates.map(function (c) {
        return c.id;
      });
      picks = picks.filter(function (id) {
        return ids.indexOf(id) >= 0;
      });
      update();
      return;
    }
    clearComparison();
    current = comparison;
    const gen = generation;
    comparison.candidates.forEach(function (candidate, i) {
      const card = makeCard(candidate, i, gen);
      cards[candidate.id] = card;
      list.append(card);
    });
    const n = comparison.candidates.length;
    const k = comparison.rankingLength;
    instructions.textContent = k === 1
      ? "Pick the best of " + n
      : k >= n
      ? "Order all " + n + ", best first"
      : "Pick the best " + k + " of " + n + ", best first";
    update();
    showProgress();
  }

  function formatValue(value) {
    if (typeof value === "number" && isFinite(value) && !Number.isInteger(value)) {
      return String(Number(value.toPrecision(4)));
    }
    return String(value);
  }

  function paramsTable(params) {
    const table = el("table", "params");
    const body = el("tbody");
    Object.keys(params || {}).sort().forEach(function (name) {
      const row = el("tr");
      const th = el("th", "", name);
      th.scope = "row";
      row.append(th, el("td", "", formatValue(params[name])));
      body.append(row);
    });
    table.append(body);
    return table;
  }

  function makeCard(candidate, index, gen) {
    const card = el("li", "candidate");
    card.tabIndex = 0;
    card.draggable = true;
    card.setAttribute("role", "button");
    card.setAttribute("aria-pressed", "false");
    card.dataset.id = candidate.id;
    card.append(el("span", "key", index < 9 ? String(index + 1) : ""));
    const badge = el("span", "rank");
    badge.hidden = true;
    badge.setAttribute("aria-hidden", "true");
    card.append(badge);
    const url = candidate.renderingUrl ? ownApiUrl(candidate.renderingUrl) : null;
    if (url) {
      const holder = el("div", "placeholder", "loading…");
      card.append(holder);
      loadImage(candidate, url, holder, index, gen);
    } else {
      card.classList.add("text");
      card.append(paramsTable(candidate.params));
    }
    card.addEventListener("click", function () {
      toggle(candidate.id);
    });
    addDragHandlers(card, candidate.id);
    return card;
  }

  async function loadImage(candidate, url, holder, index, gen) {
    try {
      const response = await fetch(url, {
        headers: { Authorization: "Bearer " + token },
        credentials: "omit",
        referrerPolicy: "no-referrer",
      });
      if (!response.ok) throw new Error("HTTP " + response.status);
      const type = response.headers.get("content-type") || "";
      if (!/^image\//.test(type)) throw new Error("not an image: " + type);
      const blob = await response.blob();
      if (gen !== generation) return;
      const objectUrl = URL.createObjectURL(blob);
      images[candidate.id] = objectUrl;
      const img = document.createElement("img");
      img.alt = "Candidate " + (index + 1);
      img.draggable = false;
      img.src = objectUrl;
      holder.replaceWith(img);
      update();
    } catch (_) {
      if (gen !== generation) return;
      // No picture: show the parameters instead.
      cards[candidate.id] && cards[candidate.id].classList.add("text");
      holder.replaceWith(paramsTable(candidate.params));
    }
  }

  // ---- picking and ordering --------------------------------------------------

  function full() {
    return current !== null && picks.length >= current.rankingLength;
  }

  // The ranking Enter would submit, or null when the picks are not enough.
  function ranking() {
    if (!current) return null;
    const n = current.candidates.length;
    const k = current.rankingLength;
    if (picks.length === k) return picks.slice();
    if (k === n && picks.length === n - 1) {
      // Ordering all of them: the one left is the last.
      const last = current.candidates.filter(function (c) {
        return picks.indexOf(c.id) < 0;
      });
      return picks.concat([last[0].id]);
    }
    return null;
  }

  function toggle(id) {
    if (!current || busy) return;
    const at = picks.indexOf(id);
    if (at >= 0) picks.splice(at, 1);
    else if (full()) {
      say(
        "You have picked " + picks.length + " already: remove one first (" +
          (touch ? "tap it" : "click it, or Backspace") + ").",
      );
      return;
    } else picks.push(id);
    update();
  }

  function pickPosition(index) {
    if (!current || index >= current.candidates.length) return;
    toggle(current.candidates[index].id);
  }

  // Drop `dragged` onto `target`: the dragged one takes the target's place.
  function dropOn(dragged, target) {
    if (!current || busy || !dragged || dragged === target) return;
    const from = picks.indexOf(dragged);
    const to = picks.indexOf(target);
    if (to >= 0) {
      if (from >= 0) picks.splice(from, 1);
      picks.splice(to, 0, dragged);
      picks = picks.slice(0, current.rankingLength);
    } else if (from >= 0) {
      picks[from] = target;
    } else if (!full()) {
      picks.push(dragged);
    }
    update();
  }

  function addDragHandlers(node, id) {
    node.addEventListener("dragstart", function (event) {
      if (!current || busy) {
        event.preventDefault();
        return;
      }
      dragId = id;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", id);
      node.classList.add("dragging");
    });
    node.addEventListener("dragend", function () {
      dragId = null;
      document.querySelectorAll(".dragging, .drop-target").forEach(function (n) {
        n.classList.remove("dragging", "drop-target");
      });
    });
    node.addEventListener("dragover", function (event) {
      if (dragId && dragId !== id) {
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        node.classList.add("drop-target");
      }
    });
    node.addEventListener("dragleave", function () {
      node.classList.remove("drop-target");
    });
    node.addEventListener("drop", function (event) {
      event.preventDefault();
      event.stopPropagation();
      node.classList.remove("drop-target");
      dropOn(dragId, id);
    });
  }

  // Dropping a candidate on the ranking row (not on a chip) puts it last.
  order.parentNode.addEventListener("dragover", function (event) {
    if (dragId) event.preventDefault();
  });
  order.parentNode.addEventListener("drop", function (event) {
    event.preventDefault();
    if (!current || busy || !dragId) return;
    const at = picks.indexOf(dragId);
    if (at >= 0) picks.splice(at, 1);
    else if (full()) return;
    picks.push(dragId);
    update();
  });

  function positionOf(id) {
    for (let i = 0; current && i < current.candidates.length; i++) {
      if (current.candidates[i].id === id) return i;
    }
    return -1;
  }

  // Redraws everything that depends on the picks.
  function update() {
    Object.keys(cards).forEach(function (id) {
      const card = cards[id];
      const rank = picks.indexOf(id);
      const badge = card.querySelector(".rank");
      card.classList.toggle("picked", rank >= 0);
      card.setAttribute("aria-pressed", rank >= 0 ? "true" : "false");
      card.setAttribute(
        "aria-label",
        "Candidate " + (positionOf(id) + 1) + (rank >= 0 ? ", ranked " + (rank + 1) : ""),
      );
      badge.hidden = rank < 0;
      badge.textContent = rank >= 0 ? String(rank + 1) : "";
    });
    order.replaceChildren();
    picks.forEach(function (id, rank) {
      const chip = el("li", "chip");
      chip.draggable = true;
      chip.title = "Drag to reorder, click to remove";
      chip.append(el("b", "", String(rank + 1)));
      if (images[id]) {
        const thumb = document.createElement("img");
        thumb.alt = "";
        thumb.src = images[id];
        thumb.draggable = false;
        chip.append(thumb);
      }
      chip.append(el("span", "", "#" + (positionOf(id) + 1)));
      chip.addEventListener("click", function () {
        toggle(id);
      });
      addDragHandlers(chip, id);
      order.append(chip);
    });
    const wanted = current ? current.rankingLength : 0;
    orderHint.textContent = !current
      ? ""
      : picks.length === 0
      ? "none picked yet"
      : ranking()
      ? (touch ? "ready: tap Submit" : "ready: Enter to submit")
      : picks.length + " of " + wanted;
    setBusy(busy);
  }

  function setBusy(value) {
    busy = value;
    submitButton.disabled = busy || ranking() === null;
    skipButton.disabled = busy || !current;
    undoButton.disabled = busy || answered.length === 0;
    root.setAttribute("aria-busy", busy ? "true" : "false");
  }

  // ---- answering ---------------------------------------------------------------

  async function submit() {
    if (!current || busy) return;
    const answer = ranking();
    if (!answer) {
      say(
        "Pick " + current.rankingLength +
          (current.rankingLength === 1 ? " candidate" : " candidates") +
          " first (" + picks.length + " picked).",
      );
      return;
    }
    const shown = current;
    setBusy(true);
    try {
      const done = await sendRanking(shown.id, answer);
      answered.push({ id: done.id, number: done.number, kind: "ranking" });
      saveAnswered();
      say("Ranked round " + (done.number + 1) + ". " + takeBack, "ok");
      setBusy(false);
      await loadNext(true);
    } catch (error) {
      setBusy(false);
      answerFailed(error, "submit the ranking");
    }
  }

  // A lost answer (no connection, 503) is sent again, the same ranking under the same key: the
  // server answers a retry as it answered the first (no "already answered" error).
  async function sendRanking(comparisonId, answer) {
    const key = crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2);
    for (let attempt = 1;; attempt++) {
      try {
        return await api("POST", base + "/" + comparisonId + "/ranking", { ranking: answer }, key);
      } catch (error) {
        if (attempt >= 3 || (error.status !== 0 && error.status !== 503)) throw error;
        say("The connection failed; sending the ranking again…");
        await new Promise(function (resolve) {
          setTimeout(resolve, 1000 * attempt);
        });
      }
    }
  }

  async function skip() {
    if (!current || busy) return;
    const shown = current;
    setBusy(true);
    try {
      const done = await api("POST", base + "/" + shown.id + "/skip");
      answered.push({ id: done.id, number: done.number, kind: "skip" });
      saveAnswered();
      say("Skipped round " + (done.number + 1) + ". " + takeBack, "ok");
      setBusy(false);
      await loadNext(true);
    } catch (error) {
      setBusy(false);
      answerFailed(error, "skip");
    }
  }

  function answerFailed(error, doing) {
    if (error.status === 401 || error.status === 403) {
      askForToken("The token was refused: " + (error.problem && error.problem.detail || ""));
      return;
    }
    sayProblem(error, doing);
    // A conflict (already closed, hold expired…): fetch what is current now.
    if (error.status === 409) loadNext(true);
  }

  async function undo() {
    if (busy || answered.length === 0) return;
    const last = answered[answered.length - 1];
    stopRetry();
    setBusy(true);
    try {
      const reopened = await api("POST", base + "/" + last.id + "/undo");
      answered.pop();
      saveAnswered();
      setBusy(false);
      current = null; // show it afresh, with no picks
      show(reopened);
      say(
        "Took back your " + (last.kind === "skip" ? "skip" : "ranking") + " of round " +
          (reopened.number + 1) + ": answer it again.",
        "ok",
      );
    } catch (error) {
      setBusy(false);
      if (error.status === 401 || error.status === 403) {
        answerFailed(error, "undo");
        return;
      }
      // 409: too late (the algorithm has used it) or nothing to undo; either way it is final.
      if (error.status === 409) {
        answered.pop();
        saveAnswered();
      }
      sayProblem(error, "undo");
      if (!current) loadNext(true);
    }
  }

  // ---- wiring ------------------------------------------------------------------

  submitButton.addEventListener("click", submit);
  skipButton.addEventListener("click", skip);
  undoButton.addEventListener("click", undo);
  forgetButton.addEventListener("click", function () {
    askForToken("");
    messages.replaceChildren();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const value = tokenInput.value.trim();
    if (!value) return;
    tokenInput.value = "";
    token = value;
    store(token);
    messages.replaceChildren();
    start();
  });
  globalThis.addEventListener("hashchange", function () {
    if (takeTokenFromFragment()) start();
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = event.target;
    const tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    if (!token || section.hidden) return;
    const key = event.key;
    if (/^[1-9]$/.test(key)) {
      event.preventDefault();
      pickPosition(Number(key) - 1);
    } else if (key === "Backspace") {
      event.preventDefault();
      if (picks.length && !busy) {
        picks.pop();
        update();
      }
    } else if (key === "Escape") {
      if (picks.length && !busy) {
        picks = [];
        update();
      }
    } else if (key === "Enter") {
      if (tag === "BUTTON") return; // a focused button answers Enter itself
      event.preventDefault();
      submit();
    } else if (
      key === " " && target && target.classList && target.classList.contains("candidate")
    ) {
      event.preventDefault();
      toggle(target.dataset.id);
    } else if (key === "s" || key === "S") {
      event.preventDefault();
      skip();
    } else if (key === "u" || key === "U") {
      event.preventDefault();
      undo();
    }
  });

  if (takeTokenFromFragment() || (token = stored())) start();
  else askForToken("");
})();
