import { z } from 'zod';
import type { Rectangle } from 'electron';
import { readFileIfExists, writeFileAtomic } from '../atomic-file';

/** Where the window was when it last closed; x/y absent means "let the OS centre it". */
export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export interface SizeLimits {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

// Enough of the title bar on screen to grab it and drag the window back.
const MIN_VISIBLE = 64;

const overlap = (a: Rectangle, b: Rectangle) => {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { w, h };
};

/**
 * Saved bounds made safe for the displays attached now: a monitor may have been unplugged or a
 * laptop's resolution changed since. The size never exceeds the largest work area nor goes under
 * the minimum; a position whose title bar would not be on any display is dropped (centred).
 */
export function restoreBounds(saved: WindowState | null, workAreas: readonly Rectangle[], limits: SizeLimits): WindowState {
  if (!saved) return { width: limits.width, height: limits.height, maximized: false };
  const maxWidth = Math.max(limits.minWidth, ...workAreas.map((a) => a.width));
  const maxHeight = Math.max(limits.minHeight, ...workAreas.map((a) => a.height));
  const width = Math.min(Math.max(saved.width, limits.minWidth), maxWidth);
  const height = Math.min(Math.max(saved.height, limits.minHeight), maxHeight);
  const result: WindowState = { width, height, maximized: saved.maximized };
  if (saved.x === undefined || saved.y === undefined) return result;
  const titleBar: Rectangle = { x: saved.x, y: saved.y, width, height: MIN_VISIBLE };
  const home = workAreas.find((area) => {
    const { w, h } = overlap(titleBar, area);
    return w >= MIN_VISIBLE && h >= Math.min(MIN_VISIBLE, 16);
  });
  if (!home) return result;
  // Pull the window inside its display so it is not cut off on the right or bottom.
  const x = Math.min(Math.max(saved.x, home.x), home.x + home.width - width);
  const y = Math.min(Math.max(saved.y, home.y), home.y + home.height - height);
  return { ...result, x, y };
}

export async function loadWindowState(file: string, log: (line: string) => void = () => {}): Promise<WindowState | null> {
  try {
    const bytes = await readFileIfExists(file);
    if (!bytes) return null;
    const parsed = windowStateSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch (error) {
    log(`window state: ${file} is unreadable: ${(error as Error).message}`);
    return null;
  }
}

export function saveWindowState(file: string, state: WindowState): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(windowStateSchema.parse(state))}\n`);
}

export interface TrackedWindow {
  on(event: 'close', listener: () => void): unknown;
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
}

/**
 * Saves the window's normal (un-maximized) bounds and maximized flag whenever it closes or hides
 * to the tray; quitting closes every window, so the last position is always written.
 */
export function trackWindowState(window: TrackedWindow, save: (state: WindowState) => Promise<void>, log: (line: string) => void = () => {}): void {
  window.on('close', () => {
    const { x, y, width, height } = window.getNormalBounds();
    // Fractional bounds appear on scaled displays; whole pixels are what the constructor takes.
    const rounded = { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
    save({ ...rounded, maximized: window.isMaximized() }).catch((error: unknown) => log(`window state: not saved: ${(error as Error).message}`));
  });
}
