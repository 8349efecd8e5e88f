// The labeling page's main loop (the last file, so everything it calls is
// defined): ask for a token or start with one, fetch the next comparison,
// count down and fetch again when none is available or the call failed, and
// wire the form and buttons.
(function () {
  "use strict";
  const L = globalThis.minimaLabel;
  if (!L) return;
  const S = L.state;
  const form = L.$("token-form");
  const tokenInput = L.$("token-input");
  const forgetButton = L.$("forget");
  const section = L.$("labeling");
  const messages = L.$("messages");
  let retryTimer = null;

  // ---- the token -----------------------------------------------------------

  L.askForToken = function (why) {
    S.token = null;
    L.store(null);
    S.answered = [];
    L.saveAnswered();
    L.stopRetry();
    L.clearComparison();
    section.hidden = true;
    forgetButton.hidden = true;
    form.hidden = false;
    if (why) L.sayError(why);
    tokenInput.focus();
  };

  function start() {
    form.hidden = true;
    forgetButton.hidden = false;
    section.hidden = false;
    S.answered = L.loadAnswered();
    L.loadNext(false);
  }

  // ---- fetching comparisons --------------------------------------------------

  L.stopRetry = function () {
    if (retryTimer !== null) clearInterval(retryTimer);
    retryTimer = null;
  };

  // Counts down `seconds` in the messages (with `text` before it), then fetches again.
  function retryIn(seconds, text, isError) {
    L.stopRetry();
    let left = Math.max(1, Math.min(600, Math.ceil(seconds)));
    const tell = function () {
      const line = isError
        ? text + ", retrying in " + left + "s"
        : text + "; this page checks again in " + left + "s";
      if (isError) L.sayError(line);
      else L.say(line);
    };
    tell();
    retryTimer = setInterval(function () {
      left -= 1;
      if (left <= 0) {
        L.stopRetry();
        L.loadNext(false);
      } else tell();
    }, 1000);
  }

  L.loadNext = async function (keepMessage) {
    L.stopRetry();
    if (!S.token) return;
    L.setBusy(true);
    try {
      const next = await L.api("POST", L.base + "/next");
      L.showStudy(next.study);
      if (next.comparison) {
        L.show(next.comparison);
        if (!keepMessage) messages.replaceChildren();
      } else if (next.reason === "study_complete") {
        // Complete for good (until its owner changes it): said once, no more checking.
        L.clearComparison();
        L.say(typeof next.detail === "string" ? next.detail : "This study is complete");
      } else {
        L.clearComparison();
        retryIn(
          typeof next.retryAfterSeconds === "number" ? next.retryAfterSeconds : 5,
          typeof next.detail === "string" ? next.detail : "No comparison available",
          false,
        );
      }
      L.showProgress(next.progress);
    } catch (error) {
      if (error.status === 401 || error.status === 403) {
        L.setBusy(false);
        const problem = error.problem;
        L.askForToken(
          "The token was refused: " +
            (problem && problem.detail ? problem.detail : "HTTP " + error.status),
        );
        return;
      }
      L.clearComparison();
      L.sayProblem(error, "fetch a comparison");
      if (error.status !== 404) {
        const said = messages.textContent;
        retryIn(error.status === 409 ? 15 : 5, said, true);
      }
    } finally {
      L.setBusy(false);
    }
  };

  // ---- wiring ------------------------------------------------------------------

  L.$("submit").addEventListener("click", L.submit);
  L.$("skip").addEventListener("click", L.skip);
  L.$("undo").addEventListener("click", L.undo);
  forgetButton.addEventListener("click", function () {
    L.askForToken("");
    messages.replaceChildren();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const value = tokenInput.value.trim();
    if (!value) return;
    tokenInput.value = "";
    S.token = value;
    L.store(S.token);
    messages.replaceChildren();
    start();
  });
  globalThis.addEventListener("hashchange", function () {
    if (L.takeTokenFromFragment()) start();
  });

  if (L.takeTokenFromFragment() || (S.token = L.stored())) start();
  else L.askForToken("");
})();
