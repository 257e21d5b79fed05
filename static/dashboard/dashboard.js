/* Draws each <canvas data-chart="name"> from the JSON block #dashboard-charts (Django's json_script). */
(function () {
  "use strict";
  var block = document.getElementById("dashboard-charts");
  if (!block || !window.Chart) { return; }
  var charts = JSON.parse(block.textContent);
  var palette = ["#b02a37", "#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#6c757d", "#d63384"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var spec = charts[canvas.dataset.chart];
    if (!spec) { return; }
    var round = spec.type === "doughnut";
    var datasets = spec.datasets.map(function (set, i) {
      var colour = round ? palette : palette[i % palette.length];
      return { label: set.label, data: set.data, backgroundColor: colour, borderColor: colour, tension: 0.2 };
    });
    var options = { responsive: true, maintainAspectRatio: false, animation: false };
    if (!round) {
      options.indexAxis = spec.horizontal ? "y" : "x";
      options.scales = { x: { stacked: !!spec.stacked }, y: { stacked: !!spec.stacked, beginAtZero: true } };
    }
    new window.Chart(canvas, { type: spec.type, data: { labels: spec.labels, datasets: datasets }, options: options });
  });
})();

// The print button (no inline handlers: the content security policy forbids them).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
