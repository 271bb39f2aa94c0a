// KPI pages: trend charts (Chart.js) and the snapshot date picker.
(() => {
  "use strict";
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });

  const source = document.getElementById("kpi-trend-data");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }
  const trend = JSON.parse(source.textContent);
  const labels = JSON.parse(document.getElementById("kpi-trend-labels").textContent);
  document.querySelectorAll("canvas[data-kpi-trend]").forEach((canvas) => {
    const series = trend[canvas.dataset.kpiTrend];
    if (!series) {
      return;
    }
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: series.dates,
        datasets: [
          {
            label: labels.value,
            data: series.values,
            borderColor: "#1f6feb",
            backgroundColor: "rgba(31, 111, 235, 0.12)",
            fill: true,
            tension: 0.25,
            pointRadius: 2,
            spanGaps: true,
          },
          {
            label: labels.target,
            data: series.targets,
            borderColor: "#d63939",
            borderDash: [5, 4],
            borderWidth: 1.5,
            pointRadius: 0,
            fill: false,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: {
          x: { ticks: { maxTicksLimit: 6, font: { size: 10 } } },
          y: { ticks: { font: { size: 10 } }, beginAtZero: true },
        },
      },
    });
  });
})();
