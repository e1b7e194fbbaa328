/* planwatch: draw the Plotly figures a page passes in <script type="application/json" id="chart-data">.
   No inline script (the Content-Security-Policy allows 'self' scripts only); each figure is drawn
   when its box scrolls into view, so a page with sixty targets stays quick. */
(function () {
  "use strict";
  function draw(el, figures) {
    var fig = figures[el.getAttribute("data-chart")];
    if (!fig || el.getAttribute("data-drawn")) { return; }
    el.setAttribute("data-drawn", "1");
    window.Plotly.newPlot(el, fig.data, fig.layout, { displayModeBar: false, responsive: true });
  }
  function start() {
    var source = document.getElementById("chart-data");
    if (!source || !window.Plotly) { return; }
    var figures = JSON.parse(source.textContent);
    var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-chart]"));
    if (!("IntersectionObserver" in window)) { boxes.forEach(function (el) { draw(el, figures); }); return; }
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { draw(entry.target, figures); seen.unobserve(entry.target); }
      });
    }, { rootMargin: "200px" });
    boxes.forEach(function (el) { seen.observe(el); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
