// majlis web app: small progressive enhancements on top of htmx. A file, never inline (the CSP
// forbids inline scripts). Every page works without it: forms and links carry the state.
(function () {
  "use strict";

  function byId(id) { return document.getElementById(id); }

  // The timeline slider moves the date field; htmx then asks for the house on that day.
  document.addEventListener("input", function (e) {
    var el = e.target;
    if (el.id === "slider") {
      var dates = (el.getAttribute("data-dates") || "").split(",");
      var day = dates[Number(el.value)] || "";
      var date = byId("date");
      if (date) { date.value = day; }
      var out = byId("slider-date");
      if (out) { out.textContent = day; }
      el.setAttribute("aria-valuetext", day);
      var election = byId("election");
      if (election) { election.value = ""; }
    } else if (el.id === "date") {
      var sel = byId("election");
      if (sel) { sel.value = ""; }
    }
  });
  document.addEventListener("change", function (e) {
    if (e.target.id === "election") {
      var date = byId("date");
      if (date) { date.value = ""; }
    }
  }, true);

  // Hover or tap a seat: party, seats and alliance (read from the table row of that party).
  function rowOf(party) {
    return document.querySelector("#parties tr[data-party='" + CSS.escape(party) + "']");
  }
  function showSeat(circle) {
    var info = byId("seat-info");
    if (!info) { return; }
    var title = circle.querySelector("title");
    info.textContent = title ? title.textContent : "";
    document.querySelectorAll("tr.hover, circle.hover").forEach(function (x) { x.classList.remove("hover"); });
    var row = rowOf(circle.getAttribute("data-party") || "");
    if (row) { row.classList.add("hover"); }
  }
  document.addEventListener("mouseover", function (e) {
    var c = e.target.closest && e.target.closest("svg.hemicycle circle");
    if (c) { showSeat(c); }
  });
  document.addEventListener("focusin", function (e) {
    var c = e.target.closest && e.target.closest("svg.hemicycle circle");
    if (c) { showSeat(c); }
  });

  // Coalition builder: a click on a seat adds its party to the coalition or takes it out.
  document.addEventListener("click", function (e) {
    var c = e.target.closest && e.target.closest("svg.hemicycle circle");
    if (!c) { return; }
    showSeat(c);
    var party = c.getAttribute("data-party");
    var form = byId("coalition-form");
    if (!form || !party) { return; }
    var box = form.querySelector("input[name='party'][value='" + CSS.escape(party) + "']");
    if (box) {
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
})();
