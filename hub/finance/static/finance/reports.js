// The finance reports' charts: the data comes from the page's json_script ("finance-charts"), one chart
// per <canvas data-chart="KEY">. Amounts are kroner. No inline script: the page's CSP allows only this
// file and the vendored Chart.js.
(function () {
  "use strict";
  var source = document.getElementById("finance-charts");
  if (!source || typeof Chart === "undefined") { return; }
  var charts = JSON.parse(source.textContent);
  var palette = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#c53030", "#319795", "#4a5568"];
  var lang = document.documentElement.lang || "da";
  var money = new Intl.NumberFormat(lang === "da" ? "da-DK" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var spec = charts[canvas.getAttribute("data-chart")];
    if (!spec) { return; }
    var datasets = spec.datasets.map(function (d, i) {
      var colour = palette[i % palette.length];
      return { label: d.label, data: d.data, borderColor: colour, backgroundColor: colour + (spec.type === "line" ? "33" : "cc"),
               fill: false, tension: 0, pointRadius: spec.labels.length > 60 ? 0 : 2 };
    });
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { display: datasets.length > 1, position: "bottom" },
          tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + money.format(c.parsed.y) + " kr"; } } }
        },
        scales: { y: { ticks: { callback: function (v) { return money.format(v) + " kr"; } } } }
      }
    });
  });
})();
