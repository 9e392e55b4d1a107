/**
 * The conversation actions' toasts, bottom centre: "Resolved “X” · Undo" while a resolve waits out
 * its window, "Lee has this conversation", and errors, which stay until dismissed so nothing an
 * agent must act on slips by. Notices go after a while.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useDeskStore } from '../../store';
import type { TeamToast } from '../../store/team-slice';
import { Icon } from '../common/Icon';
import './team.css';

const NOTICE_MS = 8_000;

export function TeamToasts() {
  const toasts = useDeskStore((s) => s.teamToasts);
  if (toasts.length === 0) return null;
  return (
    <div className="team-toasts">
      {toasts.map((toast) => (
        <Toast key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function Toast({ toast }: { toast: TeamToast }) {
  const { t } = useTranslation();
  const { undoResolve } = useActions();
  const dismiss = useDeskStore((s) => s.dismissTeamToast);
  useEffect(() => {
    if (toast.kind !== 'notice') return;
    const timer = setTimeout(() => dismiss(toast.id), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);

  if (toast.kind === 'undo') {
    return (
      <div className="team-toast" role="status">
        <Icon name="check" size={16} />
        <span className="team-toast-text">{t('teamActions.resolvedToast', { title: toast.title })}</span>
        <button type="button" className="small" onClick={() => undoResolve(toast.sid)}>
          {t('teamActions.undo')}
        </button>
      </div>
    );
  }
  return (
    <div className={`team-toast ${toast.kind}`} role="alert">
      {toast.kind === 'error' && <Icon name="alert" size={16} />}
      <span className="team-toast-text">{toast.text}</span>
      <button type="button" className="ghost icon" aria-label={t('teamActions.dismiss')} onClick={() => dismiss(toast.id)}>
        <Icon name="close" size={15} />
      </button>
    </div>
  );
}
