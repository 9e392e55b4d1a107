/**
 * A per-day chart drawn by uPlot (canvas, ~50 KB, fast on a year of days): one line per series,
 * sized to its container (ResizeObserver), coloured from the theme's CSS variables and drawn
 * again when the OS switches light/dark. Dates on the axis in the window's locale. The canvas is
 * hidden from screen readers: the card's table holds the same figures.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDate, formatNumber } from './analytics-format';

export interface DaySeries {
  label: string;
  /** A CSS variable name (`--sms`) or a colour. */
  color: string;
  values: number[];
}

const HEIGHT = 220;

function cssColor(value: string): string {
  if (!value.startsWith('--')) return value;
  return getComputedStyle(document.documentElement).getPropertyValue(value).trim() || '#888';
}

export function DayChart({ days, series, label, xLabel }: { days: number[]; series: DaySeries[]; label: string; xLabel: string }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: uPlot | null = null;
    const draw = () => {
      plot?.destroy();
      const text = cssColor('--text-muted');
      const grid = cssColor('--border');
      const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
      plot = new uPlot(
        {
          width: Math.max(200, el.clientWidth),
          height: HEIGHT,
          legend: { show: true },
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
          axes: [
            { ...axis, values: (_u, ticks) => ticks.map((t) => formatDate(t * 1000)) },
            { ...axis, values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? formatNumber(t) : '')) },
          ],
          series: [
            { label: xLabel, value: (_u, v) => (v === null ? '' : formatDate(v * 1000)) },
            ...series.map((s) => ({ label: s.label, stroke: cssColor(s.color), width: 2, points: { show: days.length < 40 }, value: (_u: uPlot, v: number | null) => (v === null ? '' : formatNumber(v)) })),
          ],
        },
        [days.slice(0, -1).map((t) => t / 1000), ...series.map((s) => s.values)],
        el,
      );
    };
    draw();
    const resize = new ResizeObserver(() => plot?.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', draw);
    return () => {
      resize.disconnect();
      scheme.removeEventListener('change', draw);
      plot?.destroy();
    };
  }, [days, series, xLabel]);

  return <div className="analytics-chart" ref={box} role="img" aria-label={label} />;
}
