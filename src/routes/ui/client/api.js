// The dashboard's shared client code (plain JavaScript, no build step; the
// files of this folder are concatenated in order by ../assets.ts): the
// project key (sessionStorage only, sent as a bearer header, never in a URL),
// the API calls, the sign-in form, polling that pauses while the tab is
// hidden, and small DOM helpers. Everything hangs on globalThis.minimaUI.
(function () {
  "use strict";
  const UI = (globalThis.minimaUI = globalThis.minimaUI || {});
  const KEY = "minima.ui.key";
  let memoryKey = null; // when sessionStorage is disabled

  UI.$ = function (id) {
    return document.getElementById(id);
  };

  /** An element with attributes (`class`, `text`, `on<event>` handlers) and children. */
  UI.el = function (tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "text") node.textContent = String(value);
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of [].concat(children || [])) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  };

  UI.key = function () {
    try {
      return sessionStorage.getItem(KEY) || memoryKey;
    } catch (_) {
      return memoryKey;
    }
  };

  function storeKey(value) {
    memoryKey = value;
    try {
      if (value === null) sessionStorage.removeItem(KEY);
      else sessionStorage.setItem(KEY, value);
    } catch (_) {
      // storage disabled: the key lives in memory only
    }
  }

  UI.message = function (text, kind) {
    const box = UI.$("messages");
    if (!box) return;
    box.textContent = text || "";
    box.className = kind || "";
  };

  /** An error from the API, with its problem+json detail. */
  class ApiError extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
    }
  }
  UI.ApiError = ApiError;

  /** GET (or `init.method`) a /v1 path with the key; JSON back, or text with `init.raw`. */
  UI.api = async function (path, init) {
    const key = UI.key();
    if (!key) throw new ApiError(401, "not signed in");
    const response = await fetch(path, {
      method: (init && init.method) || "GET",
      headers: { authorization: "Bearer " + key, accept: "application/json" },
      cache: "no-store",
    });
    if (!response.ok) {
      let detail = response.status + " " + response.statusText;
      try {
        const problem = await response.json();
        if (problem && problem.detail) detail = problem.detail;
      } catch (_) {
        // not problem+json
      }
      if (response.status === 401 || response.status === 403) UI.signOut(detail);
      throw new ApiError(response.status, detail);
    }
    return init && init.raw ? response.blob() : response.json();
  };

  /** The items of a paginated listing, at most `max` (pages of up to 1000). */
  UI.apiAll = async function (path, max) {
    const items = [];
    let cursor = null;
    const sep = path.includes("?") ? "&" : "?";
    do {
      const limit = Math.min(1000, max - items.length);
      const page = await UI.api(
        path + sep + "limit=" + limit + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""),
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && items.length < max);
    return items;
  };

  // ---- sign-in -------------------------------------------------------------

  let onSignedIn = null;

  UI.signOut = function (why) {
    storeKey(null);
    UI.stopPolling();
    const form = UI.$("sign-in");
    if (form) form.hidden = false;
    const out = UI.$("sign-out");
    if (out) out.hidden = true;
    for (const s of document.querySelectorAll("main > section")) s.hidden = true;
    UI.message(why ? "Signed out: " + why : "", why ? "error" : "");
  };

  /** Runs `start` once a key is known (stored, or typed and accepted by the API). */
  UI.whenSignedIn = function (start) {
    onSignedIn = start;
    const form = UI.$("sign-in");
    const out = UI.$("sign-out");
    out.addEventListener("click", function () {
      UI.signOut();
    });
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      const input = UI.$("key-input");
      const value = input.value.trim();
      if (!value) return;
      storeKey(value);
      try {
        await UI.api("/v1/studies?limit=1");
      } catch (error) {
        storeKey(null);
        form.hidden = false;
        UI.message("The key was refused: " + error.message, "error");
        return;
      }
      input.value = "";
      begin();
    });
    if (UI.key()) begin();
    else form.hidden = false;
  };

  function begin() {
    UI.$("sign-in").hidden = true;
    UI.$("sign-out").hidden = false;
    UI.message("");
    onSignedIn();
  }

  // ---- polling -------------------------------------------------------------

  const pollers = [];

  /** Calls `tick` now and every `ms` while the tab is visible (never two at once). */
  UI.poll = function (tick, ms) {
    const p = { tick, ms, timer: null, running: false };
    pollers.push(p);
    run(p);
  };

  async function run(p) {
    clearTimeout(p.timer);
    p.timer = null;
    if (document.hidden || p.running || !UI.key()) return;
    p.running = true;
    try {
      await p.tick();
      UI.setLive(true);
      if (UI.$("messages").className === "error") UI.message("");
    } catch (error) {
      if (!(error instanceof ApiError && (error.status === 401 || error.status === 403))) {
        UI.setLive(false, error.message);
        UI.message("Could not refresh: " + error.message, "error");
        console.error(error);
      }
    } finally {
      p.running = false;
    }
    if (UI.key() && !document.hidden) p.timer = setTimeout(() => run(p), p.ms);
  }

  UI.stopPolling = function () {
    for (const p of pollers) clearTimeout(p.timer);
    pollers.length = 0;
  };

  document.addEventListener("visibilitychange", function () {
    for (const p of pollers) {
      if (document.hidden) clearTimeout(p.timer);
      else run(p);
    }
  });

  UI.setLive = function (ok, why) {
    const dot = UI.$("live-dot");
    const text = UI.$("live-text");
    if (!dot || !text) return;
    dot.className = ok ? "ok" : "down";
    text.textContent = ok
      ? "live · updated " + new Date().toLocaleTimeString()
      : "not updating: " + why;
  };

  // ---- formatting ----------------------------------------------------------

  UI.num = function (v) {
    if (v === null || v === undefined || Number.isNaN(v)) return "–";
    if (typeof v !== "number") return String(v);
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : String(+v.toPrecision(5));
  };

  /** "12 completed · 2 active": a study's non-zero trial counts. */
  UI.counts = function (counts) {
    const parts = Object.entries(counts || {}).filter((e) => e[1] > 0)
      .map((e) => e[1] + " " + e[0].toLowerCase());
    return parts.length ? parts.join(" · ") : "no trials";
  };

  /** A bar and "done / total" (a run's budget, a study's maxTrials). */
  UI.progress = function (done, total) {
    const bar = UI.el("progress", { max: total, value: Math.min(done, total) });
    return UI.el("span", { class: "progress" }, [bar, " " + done + " / " + total]);
  };

  /** "3 d 4 h", "2 h 5 min", "4 min", "12 s": a length of time, two units at most. */
  UI.duration = function (seconds) {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + " s";
    if (s < 3600) return Math.floor(s / 60) + " min";
    if (s < 86400) return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
    return Math.floor(s / 86400) + " d " + Math.floor((s % 86400) / 3600) + " h";
  };

  /** Why a study completed (its `completion.reason`), in words. */
  UI.completionReason = function (reason) {
    return { maxTrials: "maxTrials reached", deadline: "deadline passed", manual: "by hand" }[
      reason
    ] || String(reason);
  };

  /** A moment as a <time>: local date and time shown, the ISO string in its title. */
  UI.time = function (iso) {
    return UI.el("time", { datetime: iso, title: iso, text: new Date(iso).toLocaleString() });
  };

  UI.ago = function (iso) {
    if (!iso) return "–";
    const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
    if (s < 60) return Math.round(s) + " s ago";
    if (s < 3600) return Math.round(s / 60) + " min ago";
    if (s < 86400) return Math.round(s / 3600) + " h ago";
    return Math.round(s / 86400) + " d ago";
  };

  /** A colour for t in [0, 1] (viridis, by its five anchors). */
  UI.colour = function (t) {
    const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
    const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
    const i = Math.min(stops.length - 2, Math.floor(x));
    const f = x - i;
    const c = stops[i].map((v, k) => Math.round(v + (stops[i + 1][k] - v) * f));
    return "rgb(" + c.join(",") + ")";
  };
})();
