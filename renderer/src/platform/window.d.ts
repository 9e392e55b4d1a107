import type { DeskBridge } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    /** Exposed by electron/preload (or http-bridge.ts in a plain browser). */
    desk: DeskBridge;
  }
}

export {};
