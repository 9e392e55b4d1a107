/** In-app confirmation (instead of window.confirm): labelled, keyboard friendly, themed. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  message: string;
  confirmLabel: string;
  /** Resolves with an error message to show, or null when done (the dialog then closes). */
  onConfirm: () => Promise<string | null>;
  onClose: () => void;
}

export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    const problem = await onConfirm();
    setBusy(false);
    if (problem) setError(problem);
    else onClose();
  };
  return (
    <Dialog title={title} onClose={onClose} role="alertdialog">
      <div className="dialog-form">
        <p className="confirm-message">{message}</p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <footer className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="danger solid" disabled={busy} onClick={() => void confirm()}>
            {busy ? t('common.working') : confirmLabel}
          </button>
        </footer>
      </div>
    </Dialog>
  );
}
