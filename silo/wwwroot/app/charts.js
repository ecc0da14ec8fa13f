import uPlot from '../lib/uplot/uPlot.esm.js';

// Time-series charts with uPlot (from npm, copied into wwwroot/lib by the silo build). Each
// chart owns its container, follows its width, and takes new columns without being rebuilt.

const palette = { opened: '#4f6bed', responded: '#17a673', frtP50: '#17a673', frtP90: '#e8912d', backlog: '#d64545', expectedUnfollows: '#8a4fd6' };

export class Chart {
  // series: [{ field, label, unit (a divisor), fill }]; yLabel: the axis title.
  constructor(container, series, yLabel) {
    this.container = container;
    this.series = series;
    const width = Math.max(280, container.clientWidth);
    this.plot = new uPlot({
      width,
      height: 220,
      tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        { stroke: '#5b6472', grid: { stroke: '#eef0f3' } },
        { stroke: '#5b6472', grid: { stroke: '#eef0f3' }, label: yLabel, size: 56, labelSize: 18 },
      ],
      series: [
        { label: 'UTC' },
        ...series.map(s => ({
          label: s.label,
          stroke: palette[s.field] ?? '#333',
          width: 2,
          fill: s.fill ? `${palette[s.field]}22` : undefined,
          spanGaps: s.spanGaps ?? false,
          paths: s.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined,
          // Sparse series (a percentile exists only in buckets with responses) need their dots to be seen at all.
          points: { show: s.points ?? false, size: 5, fill: palette[s.field] },
          value: (u, v) => (v == null ? '–' : s.unit ? (v).toFixed(1) : Number.isInteger(v) ? v : v.toFixed(2)),
        })),
      ],
    }, [[], ...series.map(() => [])], container);
    this.resize = new ResizeObserver(() => {
      const w = Math.max(280, container.clientWidth);
      if (w !== this.plot.width) this.plot.setSize({ width: w, height: 220 });
    });
    this.resize.observe(container);
  }

  // data: a series view of the API (columns); x is each bucket's start.
  update(view) {
    const x = view.start.map(iso => Date.parse(iso) / 1000);
    const ys = this.series.map(s => view[s.field].map(v => (v == null ? null : s.unit ? v / s.unit : v)));
    this.plot.setData([x, ...ys]);
  }

  dispose() {
    this.resize.disconnect();
    this.plot.destroy();
  }
}
