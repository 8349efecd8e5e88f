// The labeling page's input besides clicks and buttons: dragging a card or
// chip onto another (or onto the ranking row), and the keys (digits pick,
// Backspace unpicks, Esc clears, Enter submits, S skips, U undoes). Touch
// screens pick by tapping, which arrives as a click on the card.
(function () {
  "use strict";
  const L = globalThis.minimaLabel;
  if (!L) return;
  const S = L.state;
  const section = L.$("labeling");
  const order = L.$("order");
  let dragId = null;

  L.addDragHandlers = function (node, id) {
    node.addEventListener("dragstart", function (event) {
      if (!S.current || S.busy) {
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
      L.dropOn(dragId, id);
    });
  };

  // Dropping a candidate on the ranking row (not on a chip) puts it last.
  order.parentNode.addEventListener("dragover", function (event) {
    if (dragId) event.preventDefault();
  });
  order.parentNode.addEventListener("drop", function (event) {
    event.preventDefault();
    L.dropLast(dragId);
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = event.target;
    const tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    if (!S.token || section.hidden) return;
    const key = event.key;
    if (/^[1-9]$/.test(key)) {
      event.preventDefault();
      L.pickPosition(Number(key) - 1);
    } else if (key === "Backspace") {
      event.preventDefault();
      if (S.picks.length && !S.busy) {
        S.picks.pop();
        L.update();
      }
    } else if (key === "Escape") {
      if (S.picks.length && !S.busy) {
        S.picks = [];
        L.update();
      }
    } else if (key === "Enter") {
      if (tag === "BUTTON") return; // a focused button answers Enter itself
      event.preventDefault();
      L.submit();
    } else if (
      key === " " && target && target.classList && target.classList.contains("candidate")
    ) {
      event.preventDefault();
      L.toggle(target.dataset.id);
    } else if (key === "s" || key === "S") {
      event.preventDefault();
      L.skip();
    } else if (key === "u" || key === "U") {
      event.preventDefault();
      L.undo();
    }
  });
})();
