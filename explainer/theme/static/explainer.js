// Entity cards: activating a mention opens its card as a non-modal popover.
// Without JavaScript (or without popover support) the mention is a plain link
// to the glossary entry, so nothing here is needed to reach the information.
(function () {
  "use strict";
  if (!HTMLElement.prototype.hasOwnProperty("popover")) return;
  var opener = null;
  var placed = null; // places the open card again when the layout changes
  window.addEventListener("resize", function () { if (placed) placed(); });

  // The card is placed in page coordinates (position: absolute in style.css), so it
  // scrolls with the mention it explains instead of floating over other text.
  function place(card, anchor) {
    var r = anchor.getBoundingClientRect();
    var width = Math.min(320, document.documentElement.clientWidth - 16);
    card.style.width = width + "px";
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
    // Below the mention, or above it when there is no room: never over the words it explains.
    var top = r.bottom + 6;
    var height = card.offsetHeight;
    if (top + height > window.innerHeight && r.top - height - 6 > 0) top = r.top - height - 6;
    card.style.left = (left + window.scrollX) + "px";
    card.style.top = (top + window.scrollY) + "px";
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.mention");
    if (!link) return;
    var card = document.getElementById("card-" + link.dataset.entity);
    if (!card) return;
    event.preventDefault();
    if (card.matches(":popover-open")) { card.hidePopover(); return; }
    opener = link;
    card.showPopover();
    place(card, link);
    placed = function () { place(card, link); };
    var first = card.querySelector("a, button");
    if (first) first.focus();
  });

  document.querySelectorAll(".card[popover]").forEach(function (card) {
    card.addEventListener("toggle", function (event) {
      if (event.newState === "closed") placed = null;
      if (event.newState === "closed" && opener) {
        // Light dismiss by a click elsewhere must not pull focus back.
        if (!document.activeElement || document.activeElement === document.body || card.contains(document.activeElement)) {
          opener.focus();
        }
        opener = null;
      }
    });
  });
})();
