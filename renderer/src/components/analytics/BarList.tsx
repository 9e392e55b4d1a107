/**
 * Figures per channel, agent or campaign as horizontal bars in plain HTML: a handful of categories
 * read better as labelled rows than as a canvas, wrap at any width and follow the theme by CSS.
 */
export interface Bar {
  label: string;
  values: { name: string; value: number; text: string; color: string }[];
}

export function BarList({ bars, label }: { bars: Bar[]; label: string }) {
  const max = Math.max(1, ...bars.flatMap((b) => b.values.map((v) => v.value)));
  return (
    <div className="analytics-bars" role="img" aria-label={label}>
      {bars.map((bar) => (
        <div key={bar.label} className="analytics-bar-row">
          <span className="analytics-bar-label" title={bar.label}>
            {bar.label}
          </span>
          <span className="analytics-bar-values">
            {bar.values.map((v) => (
              <span key={v.name} className="analytics-bar-line">
                <span className="analytics-bar" style={{ width: `${(v.value / max) * 100}%`, background: `var(${v.color})` }} />
                <span className="analytics-bar-text">
                  {v.name} {v.text}
                </span>
              </span>
            ))}
          </span>
        </div>
      ))}
    </div>
  );
}
