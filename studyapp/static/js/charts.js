// Charts from data-chart specs (see templates/_chart.html), drawn by the vendored ECharts.
(function () {
  "use strict";
  if (typeof echarts === "undefined") return;

  function point(value) {
    if (value !== null && typeof value === "object") {
      return { value: value.value, itemStyle: value.color ? { color: value.color } : undefined };
    }
    return value;
  }

  function series(spec) {
    return spec.series.map(function (one, index) {
      var drawn = {
        type: spec.type || "bar", name: one.name, data: one.data.map(point),
        stack: spec.stacked ? "all" : undefined, showSymbol: spec.type === "line",
        itemStyle: one.color ? { color: one.color } : undefined,
      };
      if (index === 0 && spec.line !== undefined && spec.line !== null) {
        drawn.markLine = {
          symbol: "none", silent: true, lineStyle: { color: "#b54708", type: "dashed" },
          label: { formatter: spec.line_label || String(spec.line), position: "insideEndTop" },
          data: [{ yAxis: spec.line }],
        };
      }
      return drawn;
    });
  }

  function option(spec) {
    return {
      animation: false,
      color: ["#0b6e4f", "#3b82f6", "#b54708", "#7c3aed"],
      grid: { left: 44, right: 16, top: spec.series.length > 1 ? 40 : 24, bottom: 36, containLabel: true },
      tooltip: { trigger: "axis" },
      legend: spec.series.length > 1 ? { top: 0 } : undefined,
      xAxis: { type: "category", data: spec.labels, name: spec.x, nameLocation: "middle", nameGap: 28 },
      yAxis: { type: "value", name: spec.y, nameLocation: "middle", nameGap: 36, max: spec.max, minInterval: 1 },
      series: series(spec),
    };
  }

  document.querySelectorAll(".chart[data-chart]").forEach(function (element) {
    var chart = echarts.init(element);
    chart.setOption(option(JSON.parse(element.dataset.chart)));
    element.dataset.drawn = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
