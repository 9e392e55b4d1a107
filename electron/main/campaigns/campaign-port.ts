import type { CampaignControl, CampaignDraft, CampaignOptions, CampaignResults, CampaignSummary } from '../../../shared/ipc/campaign-schema';
import { DeskError } from '../errors';

/** Campaigns of the active profile, sent by main over REST. */
export interface CampaignPort {
  options(): Promise<CampaignOptions>;
  list(): Promise<CampaignSummary[]>;
  create(draft: CampaignDraft): Promise<CampaignSummary>;
  control(request: CampaignControl): Promise<CampaignSummary>;
  results(id: string): Promise<CampaignResults>;
  setPrice(pricePerSegmentUsd: number): Promise<{ pricePerSegmentUsd: number }>;
}

const unavailable = (): never => {
  throw new DeskError('unavailable', 'Campaigns are not available yet.');
};

/** Until wired: nothing to list, every action says so plainly. */
export const inertCampaigns: CampaignPort = {
  options: async () => ({ segments: [], numbers: { sms: [], whatsapp: [] }, templates: [], pricePerSegmentUsd: 0 }),
  list: async () => [],
  create: async () => unavailable(),
  control: async () => unavailable(),
  results: async () => unavailable(),
  setPrice: async () => unavailable(),
};
