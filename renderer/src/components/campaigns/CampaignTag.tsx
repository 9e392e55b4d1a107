/** "Campaign: Shipment delay" beside a conversation a campaign messaged (its `desk.campaign`), so a reply is read in context. */
import { useTranslation } from 'react-i18next';
import { campaignTagSchema } from '../../../../shared/domain/campaign-attributes';
import './campaigns.css';

export function CampaignTag({ name }: { name: string }) {
  const { t } = useTranslation();
  return <span className="campaign-tag">{t('campaigns.tag', { name })}</span>;
}

/** `attributes.desk.campaign.name` of an SDK conversation, or null. */
export function campaignNameOf(attributes: unknown): string | null {
  const desk = (attributes as { desk?: { campaign?: unknown } } | null)?.desk;
  const parsed = campaignTagSchema.safeParse(desk?.campaign);
  return parsed.success ? parsed.data.name : null;
}
