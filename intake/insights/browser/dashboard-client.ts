/**
 * Draws the insights dashboard's charts with uPlot from the numbers the page carries as JSON
 * (`#insights-charts`). Each chart's numbers are also in a table next to it, so the canvas is decoration
 * for screen readers (aria-hidden) and the page reads fine without this script.
 */
import uPlot from 'uplot';
import type { ChartSpec } from '../../../content/schema/insights.ts';

const charts = JSON.parse(document.getElementById('insights-charts')?.textContent ?? '[]') as ChartSpec[];
const format = (unit: ChartSpec['unit'], v: number | null) =>
  v === null ? '–' : unit === 'percent' ? `${Math.round(v * 100)}%` : unit === 'ratio' ? `${v.toFixed(1)}×` : v.toLocaleString(document.documentElement.lang);

for (const spec of charts) {
  const target = document.getElementById(spec.id);
  if (!target) continue;
  const width = () => Math.max(280, Math.min(target.clientWidth, 900));
  const plot = new uPlot(
    {
      width: width(),
      height: 240,
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(max ?? 1, spec.unit === 'percent' ? 1 : 1)] } },
      axes: [{}, { values: (_u, ticks) => ticks.map((t) => format(spec.unit, t)), size: 56 }],
      series: [
        {},
        ...spec.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          points: { show: true, size: 6 },
          ...(s.dash ? { dash: [6, 4] } : {}),
          value: (_u: uPlot, v: number | null) => format(spec.unit, v),
        })),
      ],
      legend: { live: false },
    },
    [spec.x, ...spec.series.map((s) => s.values)] as uPlot.AlignedData,
    target,
  );
  new ResizeObserver(() => plot.setSize({ width: width(), height: 240 })).observe(target);
}
