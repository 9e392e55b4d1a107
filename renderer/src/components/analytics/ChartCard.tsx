/**
 * One chart with its figures as a table (a disclosure, so the page stays scannable) and a CSV
 * export of the same rows (papaparse's unparse quotes what needs quoting).
 */
import type { ReactNode } from 'react';
import Papa from 'papaparse';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, parseDay, type Table } from './analytics-format';

/** Days are ISO in the CSV (any spreadsheet reads them) and in the agent's locale on screen. */
const shown = (cell: string | number) => {
  if (typeof cell === 'number') return formatNumber(cell);
  const day = parseDay(cell);
  return day === null ? cell : formatDate(day);
};

export function toCsv(table: Table): string {
  return Papa.unparse({ fields: table.head, data: table.rows });
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function ChartCard({ id, title, summary, table, csv, children }: { id: string; title: string; summary?: string; table: Table; csv?: Table; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="analytics-card" aria-labelledby={`analytics-${id}`}>
      <header className="analytics-card-header">
        <h2 id={`analytics-${id}`}>{title}</h2>
        <button type="button" className="ghost" onClick={() => download(id, toCsv(csv ?? table))} aria-label={t('analytics.exportNamed', { name: title })}>
          {t('analytics.export')}
        </button>
      </header>
      {summary && <p className="analytics-summary">{summary}</p>}
      {children}
      <details className="analytics-table">
        <summary>{t('analytics.showTable')}</summary>
        <table aria-label={title}>
          <thead>
            <tr>
              {table.head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={table.head.length}>{t('analytics.noData')}</td>
              </tr>
            ) : (
              table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{shown(cell)}</th> : <td key={j}>{shown(cell)}</td>))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </details>
    </section>
  );
}
