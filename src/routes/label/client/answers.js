// The labeling page's answers: submit the ranking, skip, and undo the last
// answer (U), each kept in `L.state.answered` (and sessionStorage) so that U
// can take it back after a reload. A refused token brings the form back; a
// conflict fetches what is current now.
(function () {
  "use strict";
  const L = globalThis.minimaLabel;
  if (!L) return;
  const S = L.state;
  const takeBack = L.touch ? "Undo takes it back." : "Press U to take it back.";

  L.submit = async function () {
    if (!S.current || S.busy) return;
    const answer = L.ranking();
    if (!answer) {
      L.say(
        "Pick " + S.current.rankingLength +
          (S.current.rankingLength === 1 ? " candidate" : " candidates") +
          " first (" + S.picks.length + " picked).",
      );
      return;
    }
    const shown = S.current;
    await send(() => L.sendRanking(shown.id, answer), "ranking", "Ranked", "submit the ranking");
  };

  L.skip = async function () {
    if (!S.current || S.busy) return;
    const shown = S.current;
    await send(() => L.api("POST", L.base + "/" + shown.id + "/skip"), "skip", "Skipped", "skip");
  };

  // Sends an answer (`call` resolves to the answered comparison), keeps it for U, says so
  // ("<verb> round N") and fetches the next comparison.
  async function send(call, kind, verb, doing) {
    L.setBusy(true);
    try {
      const answered = await call();
      S.answered.push({ id: answered.id, number: answered.number, kind: kind });
      L.saveAnswered();
      L.say(verb + " round " + (answered.number + 1) + ". " + takeBack, "ok");
      L.setBusy(false);
      await L.loadNext(true);
    } catch (error) {
      L.setBusy(false);
      answerFailed(error, doing);
    }
  }

  function answerFailed(error, doing) {
    if (error.status === 401 || error.status === 403) {
      L.askForToken("The token was refused: " + (error.problem && error.problem.detail || ""));
      return;
    }
    L.sayProblem(error, doing);
    // A conflict (already closed, hold expired…): fetch what is current now.
    if (error.status === 409) L.loadNext(true);
  }

  L.undo = async function () {
    if (S.busy || S.answered.length === 0) return;
    const last = S.answered[S.answered.length - 1];
    L.stopRetry();
    L.setBusy(true);
    try {
      const reopened = await L.api("POST", L.base + "/" + last.id + "/undo");
      S.answered.pop();
      L.saveAnswered();
      L.setBusy(false);
      S.current = null; // show it afresh, with no picks
      L.show(reopened);
      L.say(
        "Took back your " + (last.kind === "skip" ? "skip" : "ranking") + " of round " +
          (reopened.number + 1) + ": answer it again.",
        "ok",
      );
    } catch (error) {
      L.setBusy(false);
      if (error.status === 401 || error.status === 403) {
        answerFailed(error, "undo");
        return;
      }
      // 409: too late (the algorithm has used it) or nothing to undo; either way it is final.
      if (error.status === 409) {
        S.answered.pop();
        L.saveAnswered();
      }
      L.sayProblem(error, "undo");
      if (!S.current) L.loadNext(true);
    }
  };
})();
