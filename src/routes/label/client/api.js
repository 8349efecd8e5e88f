// The labeling page's calls to the comparisons API: one JSON request with the
// token as a bearer header (errors carry the HTTP status, 0 when offline, and
// the problem+json body), the check that keeps the token to this origin's /v1
// routes, and the ranking's resend under one idempotency key (128 random bits).
(function () {
  "use strict";
  const L = globalThis.minimaLabel;
  if (!L) return;
  const S = L.state;

  L.api = async function (method, path, body, idempotencyKey) {
    const headers = { Authorization: "Bearer " + S.token, Accept: "application/json" };
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
  };

  // Only this origin's /v1 routes ever see the token.
  L.ownApiUrl = function (url) {
    try {
      const parsed = new URL(url, location.origin);
      return parsed.origin === location.origin && parsed.pathname.indexOf("/v1/") === 0
        ? parsed.pathname + parsed.search
        : null;
    } catch (_) {
      return null;
    }
  };

  // A fresh Idempotency-Key: randomUUID where the browser has it (secure origins only), else
  // 128 bits from getRandomValues (every origin has it), never a guessable or short number:
  // such a key could meet another request's.
  L.newKey = function () {
    if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  };

  // A lost answer (no connection, 503) is sent again, the same ranking under the same key: the
  // server answers a retry as it answered the first (no "already answered" error).
  L.sendRanking = async function (comparisonId, answer) {
    const key = L.newKey();
    for (let attempt = 1;; attempt++) {
      try {
        return await L.api(
          "POST",
          L.base + "/" + comparisonId + "/ranking",
          { ranking: answer },
          key,
        );
      } catch (error) {
        if (attempt >= 3 || (error.status !== 0 && error.status !== 503)) throw error;
        L.say("The connection failed; sending the ranking again…");
        await new Promise(function (resolve) {
          setTimeout(resolve, 1000 * attempt);
        });
      }
    }
  };
})();
