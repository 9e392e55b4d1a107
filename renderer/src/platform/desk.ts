/**
 * The renderer's only door to main. `window.desk` is exposed by the preload; the Window type lives
 * in platform/window.d.ts (owned by the platform engineer) once it exists, so we read it loosely here.
 */
import type { DeskBridge } from '../../../shared/ipc/contract';

let override: DeskBridge | null = null;

export function getDesk(): DeskBridge {
  if (override) return override;
  const desk = (globalThis as { desk?: DeskBridge }).desk;
  // eslint-disable-next-line i18next/no-literal-string -- a build defect for developers, before any UI exists
  if (!desk) throw new Error('window.desk is missing: the preload bridge did not load');
  return desk;
}

/** Tests hand in a fake bridge; pass null to go back to window.desk. */
export function setDeskForTests(fake: DeskBridge | null): void {
  override = fake;
}

export function hasDesk(): boolean {
  return override !== null || (globalThis as { desk?: DeskBridge }).desk !== undefined;
}
