// The case page's scorecard chart: points per characteristic against the maximum (ECharts from its webjar).
// The table under the chart has the same numbers, so nothing depends on this script.
document.addEventListener('DOMContentLoaded', function () {
  var box = document.getElementById('scorecard-chart');
  if (!box || !window.echarts) { return; }
  var rows = JSON.parse(box.dataset.chart);
  var chart = echarts.init(box, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    legend: { data: [box.dataset.labelPoints, box.dataset.labelMax] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: rows.map(function (r) { return r.name; }) },
    series: [
      { name: box.dataset.labelMax, type: 'bar', data: rows.map(function (r) { return r.max; }), itemStyle: { color: '#c9d3de' }, barGap: '-100%' },
      { name: box.dataset.labelPoints, type: 'bar', data: rows.map(function (r) { return r.points; }), itemStyle: { color: '#0b5cad' }, label: { show: true, position: 'right' } }
    ]
  });
  box.dataset.rendered = String(rows.length);
  window.addEventListener('resize', function () { chart.resize(); });
});
