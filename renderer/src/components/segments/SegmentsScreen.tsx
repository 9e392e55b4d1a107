/**
 * The segments tool: the active profile's segments (name, kind, recipients), a filter builder with
 * a live count and preview, and a CSV import that explains every row it leaves out before saving.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentSummary } from '../../../../shared/ipc/segment-schema';
import { getDesk } from '../../platform/desk';
import { ToolScreen } from '../tools/ToolScreen';
import { CsvImport } from './CsvImport';
import { FilterBuilder } from './FilterBuilder';
import { SegmentList } from './SegmentList';
import './segments.css';

type View = 'list' | 'filter' | 'csv' | 'edit';

export function SegmentsScreen() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('list');
  const [items, setItems] = useState<SegmentSummary[] | null>(null);
  const [editing, setEditing] = useState<SegmentSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void getDesk()
      .listSegments()
      .then((r) => {
        if (!live) return;
        if (r.ok) setItems(r.value.items);
        else setError(r.error.message);
      });
    return () => {
      live = false;
    };
  }, []);

  const saved = (next: SegmentSummary[]) => {
    setItems(next);
    setEditing(null);
    setView('list');
  };
  const backToList = () => {
    setEditing(null);
    setView('list');
  };

  const actions =
    view === 'list' ? (
      <>
        <button type="button" className="primary" onClick={() => setView('filter')}>
          {t('segments.new')}
        </button>
        <button type="button" onClick={() => setView('csv')}>
          {t('segments.import')}
        </button>
      </>
    ) : (
      <button type="button" onClick={backToList}>
        {t('segments.back')}
      </button>
    );

  return (
    <ToolScreen tool="segments" actions={actions}>
      {view === 'list' && (
        <>
          {error && (
            <p role="alert" className="field-error">
              {error}
            </p>
          )}
          {items === null && !error ? <p className="tool-empty">{t('segments.loading')}</p> : (
            <SegmentList
              items={items ?? []}
              onChanged={setItems}
              onEdit={(segment) => {
                setEditing(segment);
                setView('edit');
              }}
            />
          )}
        </>
      )}
      {view === 'filter' && <FilterBuilder onSaved={saved} />}
      {view === 'edit' && editing && <FilterBuilder key={editing.id} editing={editing} onSaved={saved} onCancel={backToList} />}
      {view === 'csv' && <CsvImport onSaved={saved} />}
    </ToolScreen>
  );
}
