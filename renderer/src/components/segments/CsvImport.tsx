/**
 * A segment from a CSV: pick or drop a file, main checks every row (invalid number, duplicate,
 * opted out, no number) and answers with a report; nothing is saved until the user saves the
 * valid rows under a name. A file too big, not text, or without a phone column gets a message
 * and leaves everything as it was.
 */
import { useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { issueText } from '../../../../shared/i18n/issue-text';
import { CSV_MAX_BYTES, CSV_MAX_ROWS, segmentSaveCsvSchema, type CsvReport, type SegmentSummary } from '../../../../shared/ipc/segment-schema';
import { getDesk } from '../../platform/desk';

const MB = 1024 * 1024;

export function CsvImport({ onSaved }: { onSaved: (items: SegmentSummary[]) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [report, setReport] = useState<CsvReport | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async (picked: File) => {
    setProblem(null);
    // Refused before reading: a huge file is never loaded into the window.
    if (picked.size > CSV_MAX_BYTES) {
      setProblem(t('errors.segments.csvTooBig', { mb: CSV_MAX_BYTES / MB, rows: CSV_MAX_ROWS }));
      return;
    }
    setChecking(picked.name);
    let text: string;
    try {
      text = await picked.text();
    } catch {
      setChecking(null);
      setProblem(t('segments.readFailed'));
      return;
    }
    const r = await getDesk().checkSegmentCsv({ text });
    setChecking(null);
    if (!r.ok) {
      // The earlier report (if any) stays: a bad second file loses nothing.
      setProblem(r.error.message);
      return;
    }
    setFile({ name: picked.name, text });
    setReport(r.value);
    if (!name) setName(picked.name.replace(/\.[^.]+$/, '').slice(0, 100));
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const picked = e.dataTransfer.files[0];
    if (picked) void check(picked);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const parsed = segmentSaveCsvSchema.safeParse({ name, text: file.text });
    if (!parsed.success) {
      setNameError(issueText(parsed.error.issues[0]?.message ?? '', t));
      return;
    }
    setBusy(true);
    const r = await getDesk().saveCsvSegment(parsed.data);
    setBusy(false);
    if (!r.ok) {
      setNameError(r.error.fields?.name ?? r.error.message);
      return;
    }
    onSaved(r.value.items);
  };

  const reasonText = (reason: CsvReport['problems'][number]['reason']) =>
    ({
      invalid: t('segments.reasonInvalid'),
      duplicate: t('segments.reasonDuplicate'),
      optedOut: t('segments.reasonOptedOut'),
      missing: t('segments.reasonMissing'),
    })[reason];

  return (
    <div className="segment-csv">
      <h2>{t('segments.csvTitle')}</h2>
      <p className="setting-hint">{t('segments.csvHelp', { rows: CSV_MAX_ROWS.toLocaleString(i18n.language), mb: CSV_MAX_BYTES / MB })}</p>
      <div
        className={`segment-drop${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <button type="button" onClick={() => input.current?.click()}>
          {t('segments.csvChoose')}
        </button>
        <span>{t('segments.csvDrop')}</span>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv,text/plain"
          hidden
          aria-label={t('segments.csvChoose')}
          onChange={(e) => {
            const picked = e.target.files?.[0];
            e.target.value = '';
            if (picked) void check(picked);
          }}
        />
      </div>
      {checking && <p role="status">{t('segments.csvChecking', { file: checking })}</p>}
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
      {report && file && (
        <section className="segment-report" aria-label={t('segments.csvProblems')}>
          <p className="setting-hint">{t('segments.csvFile', { file: file.name })}</p>
          <p className="segment-match-count" role="status">
            {t('segments.csvSummary', { valid: report.valid.toLocaleString(i18n.language), rows: report.rows.toLocaleString(i18n.language) })}
          </p>
          <p className="setting-hint">
            {t('segments.csvFields', { phone: report.phoneColumn, fields: report.fields.length > 0 ? report.fields.join(', ') : t('segments.csvNoFields') })}
          </p>
          {report.problems.length === 0 ? (
            <p>{t('segments.csvNoProblems')}</p>
          ) : (
            <>
              <h3>{t('segments.csvProblems')}</h3>
              <div className="segment-report-scroll">
                <table className="segments-table">
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        {t('segments.csvRow')}
                      </th>
                      <th scope="col">{t('segments.csvValue')}</th>
                      <th scope="col">{t('segments.csvReason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.problems.map((p) => (
                      <tr key={p.row}>
                        <td className="num">{p.row}</td>
                        <td className="segment-value">{p.value}</td>
                        <td>{reasonText(p.reason)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          <form className="segment-save" onSubmit={(e) => void save(e)} noValidate>
            <label className="field">
              <span>{t('segments.nameLabel')}</span>
              <input value={name} onChange={(e) => setName(e.target.value)} aria-invalid={nameError ? true : undefined} />
            </label>
            <button type="submit" className="primary" disabled={busy || report.valid === 0}>
              {busy ? t('common.working') : t('segments.csvSave')}
            </button>
          </form>
          {nameError && (
            <p className="field-error" role="alert">
              {nameError}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
