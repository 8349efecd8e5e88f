// The labeling page's ranking in progress: the picks (candidate ids, best
// first, in `L.state.picks`) and the rules for changing them: a pick toggles,
// a drop takes another's place, and a full ranking (or all but the last, when
// every candidate is ordered) is what Submit sends.
(function () {
  "use strict";
  const L = globalThis.minimaLabel;
  if (!L) return;
  const S = L.state;

  L.full = function () {
    return S.current !== null && S.picks.length >= S.current.rankingLength;
  };

  // The ranking Enter would submit, or null when the picks are not enough.
  L.ranking = function () {
    if (!S.current) return null;
    const n = S.current.candidates.length;
    const k = S.current.rankingLength;
    if (S.picks.length === k) return S.picks.slice();
    if (k === n && S.picks.length === n - 1) {
      // Ordering all of them: the one left is the last.
      const last = S.current.candidates.filter(function (c) {
        return S.picks.indexOf(c.id) < 0;
      });
      return S.picks.concat([last[0].id]);
    }
    return null;
  };

  L.toggle = function (id) {
    if (!S.current || S.busy) return;
    const at = S.picks.indexOf(id);
    if (at >= 0) S.picks.splice(at, 1);
    else if (L.full()) {
      L.say(
        "You have picked " + S.picks.length + " already: remove one first (" +
          (L.touch ? "tap it" : "click it, or Backspace") + ").",
      );
      return;
    } else S.picks.push(id);
    L.update();
  };

  L.pickPosition = function (index) {
    if (!S.current || index >= S.current.candidates.length) return;
    L.toggle(S.current.candidates[index].id);
  };

  // Drop `dragged` onto `target`: the dragged one takes the target's place.
  L.dropOn = function (dragged, target) {
    if (!S.current || S.busy || !dragged || dragged === target) return;
    const from = S.picks.indexOf(dragged);
    const to = S.picks.indexOf(target);
    if (to >= 0) {
      if (from >= 0) S.picks.splice(from, 1);
      S.picks.splice(to, 0, dragged);
      S.picks = S.picks.slice(0, S.current.rankingLength);
    } else if (from >= 0) {
      S.picks[from] = target;
    } else if (!L.full()) {
      S.picks.push(dragged);
    }
    L.update();
  };

  // Dropped on the ranking row (not on a chip): it goes last.
  L.dropLast = function (dragged) {
    if (!S.current || S.busy || !dragged) return;
    const at = S.picks.indexOf(dragged);
    if (at >= 0) S.picks.splice(at, 1);
    else if (L.full()) return;
    S.picks.push(dragged);
    L.update();
  };

  L.positionOf = function (id) {
    for (let i = 0; S.current && i < S.current.candidates.length; i++) {
      if (S.current.candidates[i].id === id) return i;
    }
    return -1;
  };
})();
