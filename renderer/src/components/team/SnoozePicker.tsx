/** Snooze until: 1 hour, tomorrow 9:00, next Monday 9:00, or a date and time the agent picks. */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Popover } from './Popover';
import { formatWakeUp, parseLocalDateTime, SNOOZE_PRESETS, snoozeUntil, toLocalDateTime, type SnoozePreset } from './snooze-times';

const PRESET_LABEL = { hour: 'teamActions.snoozeHour', tomorrow: 'teamActions.snoozeTomorrow', monday: 'teamActions.snoozeMonday' } as const satisfies Record<SnoozePreset, string>;

export function SnoozePicker({ onPick, onClose, busy }: { onPick: (until: number) => void; onClose: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  // Computed when the picker opens: the times shown are the times sent.
  const now = useMemo(() => new Date(), []);
  const [custom, setCustom] = useState(() => toLocalDateTime(snoozeUntil('tomorrow', now)));
  const [error, setError] = useState<string | null>(null);

  return (
    <Popover label={t('teamActions.snoozeTitle')} onClose={onClose} className="snooze-picker">
      <p className="team-popover-title" aria-hidden="true">
        {t('teamActions.snoozeTitle')}
      </p>
      <ul className="team-options">
        {SNOOZE_PRESETS.map((preset) => {
          const until = snoozeUntil(preset, now);
          return (
            <li key={preset}>
              <button type="button" className="team-option" disabled={busy} onClick={() => onPick(until)}>
                <span>{t(PRESET_LABEL[preset])}</span>
                <span className="team-option-hint">{formatWakeUp(until, now.getTime())}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <form
        className="snooze-custom"
        // Our own message, in the desk's language, rather than the browser's bubble.
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const until = parseLocalDateTime(custom);
          if (until === null || until <= Date.now()) setError(t('teamActions.snoozePast'));
          else onPick(until);
        }}
      >
        <label htmlFor={`${id}-when`}>{t('teamActions.snoozeCustom')}</label>
        <div className="snooze-custom-row">
          <input
            id={`${id}-when`}
            type="datetime-local"
            value={custom}
            min={toLocalDateTime(now.getTime())}
            aria-invalid={error !== null}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => {
              setCustom(e.target.value);
              setError(null);
            }}
          />
          <button type="submit" className="primary small" disabled={busy} aria-busy={busy}>
            {t('teamActions.snooze')}
          </button>
        </div>
        {error && (
          <p id={`${id}-error`} className="inline-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Popover>
  );
}
