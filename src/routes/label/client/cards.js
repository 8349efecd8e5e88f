// The labeling page's comparison on screen: one card per candidate (its
// rendering, fetched with the token and shown from a blob: URL, or else its
// parameters as a table). A new comparison bumps `generation`, so an image
// that arrives for the one before is dropped.
(function () {
  "use strict";
  const L = globalThis.minimaLabel;
  if (!L) return;
  const S = L.state;
  const el = L.el;
  const list = L.$("candidates");
  const instructions = L.$("instructions");
  let generation = 0; // bumped whenever the shown comparison changes

  L.clearComparison = function () {
    generation += 1;
    S.current = null;
    S.picks = [];
    S.cards = {};
    Object.keys(S.images).forEach(function (id) {
      URL.revokeObjectURL(S.images[id]);
    });
    S.images = {};
    list.replaceChildren();
    instructions.textContent = "";
    L.update();
    L.showProgress();
  };

  L.show = function (comparison) {
    if (S.current && S.current.id === comparison.id) {
      // The same comparison again (still held): keep the picks and images.
      S.current = comparison;
      const ids = comparison.candidates.map(function (c) {
        return c.id;
      });
      S.picks = S.picks.filter(function (id) {
        return ids.indexOf(id) >= 0;
      });
      L.update();
      return;
    }
    L.clearComparison();
    S.current = comparison;
    const gen = generation;
    comparison.candidates.forEach(function (candidate, i) {
      const card = makeCard(candidate, i, gen);
      S.cards[candidate.id] = card;
      list.append(card);
    });
    const n = comparison.candidates.length;
    const k = comparison.rankingLength;
    instructions.textContent = k === 1
      ? "Pick the best of " + n
      : k >= n
      ? "Order all " + n + ", best first"
      : "Pick the best " + k + " of " + n + ", best first";
    L.update();
    L.showProgress();
  };

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
    const url = candidate.renderingUrl ? L.ownApiUrl(candidate.renderingUrl) : null;
    if (url) {
      const holder = el("div", "placeholder", "loading…");
      card.append(holder);
      loadImage(candidate, url, holder, index, gen);
    } else {
      card.classList.add("text");
      card.append(paramsTable(candidate.params));
    }
    card.addEventListener("click", function () {
      L.toggle(candidate.id);
    });
    L.addDragHandlers(card, candidate.id);
    return card;
  }

  async function loadImage(candidate, url, holder, index, gen) {
    try {
      const response = await fetch(url, {
        headers: { Authorization: "Bearer " + S.token },
        credentials: "omit",
        referrerPolicy: "no-referrer",
      });
      if (!response.ok) throw new Error("HTTP " + response.status);
      const type = response.headers.get("content-type") || "";
      if (!/^image\//.test(type)) throw new Error("not an image: " + type);
      const blob = await response.blob();
      if (gen !== generation) return;
      const objectUrl = URL.createObjectURL(blob);
      S.images[candidate.id] = objectUrl;
      const img = document.createElement("img");
      img.alt = "Candidate " + (index + 1);
      img.draggable = false;
      img.src = objectUrl;
      holder.replaceWith(img);
      L.update();
    } catch (_) {
      if (gen !== generation) return;
      // No picture: show the parameters instead.
      S.cards[candidate.id] && S.cards[candidate.id].classList.add("text");
      holder.replaceWith(paramsTable(candidate.params));
    }
  }
})();
