// The labeling page's script (plain JavaScript, no build step): the files of
// this folder are concatenated in order by ../mod.tsx and inlined with the
// response's CSP nonce. It talks to this origin's comparisons API with the
// labeler's token as a bearer header; the token comes from the URL fragment
// (#token=…, moved to sessionStorage and cleared from the address) or from the
// form, and is never put in a URL. Everything hangs on globalThis.minimaLabel.
//
// This file: the namespace, the page's constants, the state the other files
// share (`L.state`), and what of it sessionStorage keeps: the token and the
// answers U can take back.
(function () {
  "use strict";

  const root = document.getElementById("app");
  if (!root) return; // not the labeling page: the other files see no namespace and stop
  const L = (globalThis.minimaLabel = {});
  const studyId = root.getAttribute("data-study-id");
  const storageKey = "minima.label.token." + studyId;
  const answeredKey = "minima.label.answered." + studyId;
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  L.root = root;
  L.base = "/v1/studies/" + studyId + "/comparisons";
  L.$ = function (id) {
    return document.getElementById(id);
  };
  // Touch screens: no key hints in messages either (style.css hides the others).
  L.touch = typeof matchMedia === "function" &&
    matchMedia("(hover: none), (pointer: coarse)").matches;

  L.state = {
    token: null,
    current: null, // the comparison shown
    picks: [], // candidate ids, best first
    answered: [], // comparisons answered on this page, last on top: {id, number, kind}
    busy: false,
    images: {}, // candidate id -> blob: URL of its rendering
    cards: {}, // candidate id -> its <li>
  };
  const S = L.state;

  // ---- the token -----------------------------------------------------------

  L.store = function (value) {
    try {
      if (value === null) sessionStorage.removeItem(storageKey);
      else sessionStorage.setItem(storageKey, value);
    } catch (_) {
      // storage disabled: the token lives in memory only
    }
  };

  L.stored = function () {
    try {
      return sessionStorage.getItem(storageKey);
    } catch (_) {
      return null;
    }
  };

  // The answers U can take back, kept across reloads of this tab.
  L.loadAnswered = function () {
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
  };

  L.saveAnswered = function () {
    try {
      if (S.answered.length) {
        sessionStorage.setItem(answeredKey, JSON.stringify(S.answered.slice(-50)));
      } else sessionStorage.removeItem(answeredKey);
    } catch (_) {
      // storage disabled: the undo history lives in memory only
    }
  };

  // Moves `token=…` out of the fragment (into sessionStorage) and clears it from the address.
  L.takeTokenFromFragment = function () {
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
    S.token = found;
    L.store(S.token);
    return true;
  };
})();
