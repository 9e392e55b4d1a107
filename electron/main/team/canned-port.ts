import type { CannedResponse } from '../../../shared/ipc/team-schema';
import type { z } from 'zod';
import type { cannedImportResultSchema } from '../../../shared/ipc/team-schema';
import { DeskError } from '../errors';

export type CannedImportResult = z.infer<typeof cannedImportResultSchema>;

/** The active profile's canned responses, stored by main. */
export interface CannedPort {
  list(): Promise<CannedResponse[]>;
  save(item: CannedResponse): Promise<CannedResponse[]>;
  remove(id: string): Promise<CannedResponse[]>;
  importJson(json: string): Promise<CannedImportResult>;
  exportJson(): Promise<string>;
}

const unavailable = (): never => {
  throw new DeskError('unavailable', 'Canned responses are not available yet.');
};

export const inertCanned: CannedPort = {
  list: async () => [],
  save: async () => unavailable(),
  remove: async () => unavailable(),
  importJson: async () => unavailable(),
  exportJson: async () => unavailable(),
};
