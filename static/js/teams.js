// Team pages: a person's skill levels over time (Chart.js).
(() => {
  "use strict";
  const source = document.getElementById("skill-history-data");
  const canvas = document.getElementById("skill-history-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") {
    return;
  }
  const data = JSON.parse(source.textContent);
  const palette = ["#1f6feb", "#d63939", "#2f9e44", "#f59f00", "#7048e8", "#0c8599", "#e64980"];
  new window.Chart(canvas, {
    type: "line",
    data: {
      datasets: data.series.map((series, index) => ({
        label: series.label,
        data: series.points,
        borderColor: palette[index % palette.length],
        backgroundColor: palette[index % palette.length],
        stepped: true,
        pointRadius: 3,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      parsing: { xAxisKey: "x", yAxisKey: "y" },
      scales: {
        x: { type: "category", labels: [...new Set(data.series.flatMap((s) => s.points.map((p) => p.x)))].sort() },
        y: { min: 0, max: 5, ticks: { stepSize: 1 } },
      },
    },
  });
})();
