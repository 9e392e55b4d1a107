import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { channelsReached, checkAttachments } from '../../../../shared/domain/attachments';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from '../../i18n';
import { useDeskStore } from '../../store';

export interface Attachment {
  file: File;
  /** Object URL for image previews; null for other files or where unsupported (tests). */
  previewUrl: string | null;
}

const canPreview = () => typeof URL !== 'undefined' && typeof URL.createObjectURL === 'function';

/** Files staged for the next message, with limit errors recomputed whenever files or roster change. */
export function useAttachments(sid: string) {
  const [items, setItems] = useState<Attachment[]>([]);
  // The channels reached, not the roster: that changes with every read horizon (twice a message),
  // and the thread body around the composer would render again each time.
  const types = useDeskStore(useShallow((s) => [...new Set((s.participants.get(sid) ?? []).map((p) => p.type))]));

  const add = useCallback((files: Iterable<File>) => {
    const added = [...files].map((file) => ({
      file,
      previewUrl: file.type.startsWith('image/') && canPreview() ? URL.createObjectURL(file) : null,
    }));
    if (added.length > 0) setItems((prev) => [...prev, ...added]);
  }, []);

  const remove = useCallback((at: number) => {
    setItems((prev) => {
      const gone = prev[at];
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return prev.filter((_, i) => i !== at);
    });
  }, []);

  const clear = useCallback(() => {
    setItems((prev) => {
      prev.forEach((a) => a.previewUrl && URL.revokeObjectURL(a.previewUrl));
      return [];
    });
  }, []);

  // Release previews when the composer goes away (it is keyed per conversation).
  const latest = useRef(items);
  useEffect(() => {
    latest.current = items;
  }, [items]);
  useEffect(() => () => latest.current.forEach((a) => a.previewUrl && URL.revokeObjectURL(a.previewUrl)), []);

  const { t } = useTranslation();
  // Limits depend on who is in the conversation: the roster is an input here.
  const errors = useMemo(
    () => (items.length > 0 ? checkAttachments(channelsReached(types), items.map((a) => ({ name: a.file.name, type: a.file.type, size: a.file.size })), t) : []),
    // The language is an input too (`t` changes with it): the errors are words.
    [items, types, t],
  );
  return { items, errors, add, remove, clear };
}
