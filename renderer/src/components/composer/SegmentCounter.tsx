/**
 * What an SMS reply costs while it is written: segments, what is left in the last one, and which
 * characters turned it into Unicode (70 per segment instead of 160). Over Twilio's 1,600
 * characters the composer says so itself (WhatsApp has the same limit), blocks sending, keeps the text.
 */
import { useTranslation } from 'react-i18next';
import { SEGMENT_SIZE, type SegmentCount } from '../../../../shared/domain/sms-segments';

/** At most this many offending characters are named; the rest are "and N more". */
const NAMED = 4;

export function SegmentCounter({ count, id }: { count: SegmentCount; id: string }) {
  const { t } = useTranslation();
  if (count.characters === 0) return null;
  const named = count.unicodeCharacters.slice(0, NAMED);
  const more = count.unicodeCharacters.length - named.length;
  const list = more > 0 ? t('smsCounter.andMore', { list: named.join(' '), count: more }) : named.join(t('smsCounter.listJoin'));
  return (
    <div className="segment-counter" id={id} role="group" aria-label={t('smsCounter.label')}>
      <span className="segment-count" aria-live="polite">
        {t('smsCounter.segments', { count: count.segments })}
        {' · '}
        {t('smsCounter.left', { count: count.remaining })}
        {' · '}
        <span className={`segment-encoding ${count.encoding === 'UCS-2' ? 'unicode' : ''}`}>{count.encoding === 'UCS-2' ? t('smsCounter.unicode') : t('smsCounter.gsm')}</span>
      </span>
      {count.unicodeCharacters.length > 0 && (
        <span className="segment-why">{t('smsCounter.unicodeBecause', { list, count: count.unicodeCharacters.length, per: SEGMENT_SIZE['UCS-2'].single })}</span>
      )}
      {count.encoding === 'GSM-7' && count.doubleCharacters.length > 0 && (
        <span className="segment-why">{t('smsCounter.doubleCharacters', { list: count.doubleCharacters.join(' ') })}</span>
      )}
    </div>
  );
}
