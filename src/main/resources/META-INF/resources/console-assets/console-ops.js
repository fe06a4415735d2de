// The portfolio page's charts (ECharts from its webjar): grouped bars per category, with an optional benchmark line.
// Every chart has a table beside it with the same numbers, so nothing depends on this script.
document.addEventListener('DOMContentLoaded', function () {
  if (!window.echarts) { return; }
  var colours = ['#0b5cad', '#8fb3d9', '#b3261e', '#6b4fa0', '#176c2f'];
  var charts = [];
  // axis amounts in the page's language, short: 120K / 12万
  var compact = new Intl.NumberFormat(document.documentElement.lang || 'en', { notation: 'compact' });
  document.querySelectorAll('.ops-chart').forEach(function (box) {
    var data = JSON.parse(box.dataset.chart);
    var percent = box.dataset.unit === 'percent';
    var series = data.series.map(function (s, i) {
      return { name: s.name, type: 'bar', data: s.values, itemStyle: { color: colours[i % colours.length] },
        label: { show: data.categories.length * data.series.length <= 12, position: 'top',
          formatter: percent ? '{c}%' : undefined } };
    });
    if (data.benchmark) {
      series[0].markLine = { symbol: 'none', lineStyle: { color: '#b3261e', type: 'dashed', width: 2 },
        label: { position: 'insideEndTop', formatter: data.benchmark.name + ' {c}%' }, data: [{ yAxis: data.benchmark.value }] };
    }
    var chart = echarts.init(box, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { data: data.series.map(function (s) { return s.name; }) },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.categories, axisLabel: { interval: 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: percent ? '{value}%' : function (v) { return compact.format(v); } } },
      series: series
    });
    box.dataset.rendered = String(data.categories.length);
    charts.push(chart);
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
});
