import { describe, expect, it } from 'vitest';
import { loadWindowState, restoreBounds, saveWindowState, trackWindowState, type WindowState } from '../../../../electron/main/desktop/window-state';
import { WINDOW_SIZE } from '../../../../electron/main/window';
import { tempDir } from '../fakes';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const external = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('restoreBounds', () => {
  it('uses the default size, centred, on first launch', () => {
    expect(restoreBounds(null, [laptop], WINDOW_SIZE)).toEqual({ width: 1280, height: 820, maximized: false });
  });

  it('restores a position that is still on a display', () => {
    const saved: WindowState = { x: 1600, y: 100, width: 1400, height: 900, maximized: true };
    expect(restoreBounds(saved, [laptop, external], WINDOW_SIZE)).toEqual(saved);
  });

  it('centres the window when its display was unplugged', () => {
    const saved: WindowState = { x: 1600, y: 100, width: 2000, height: 1200, maximized: false };
    // Only the laptop is left: size shrinks to fit it, position is dropped.
    expect(restoreBounds(saved, [laptop], WINDOW_SIZE)).toEqual({ width: 1440, height: 875, maximized: false });
  });

  it('pulls a window that hangs off the right or bottom edge back inside', () => {
    const saved: WindowState = { x: 1000, y: 500, width: 1000, height: 700, maximized: false };
    expect(restoreBounds(saved, [laptop], WINDOW_SIZE)).toEqual({ x: 440, y: 175, width: 1000, height: 700, maximized: false });
  });

  it('never goes below the minimum size', () => {
    expect(restoreBounds({ x: 0, y: 0, width: 10, height: 10, maximized: false }, [laptop], WINDOW_SIZE)).toMatchObject({ width: 880, height: 560 });
  });

  it('drops a position above the top of every display (title bar unreachable)', () => {
    expect(restoreBounds({ x: 100, y: -500, width: 1000, height: 700, maximized: false }, [laptop], WINDOW_SIZE)).not.toHaveProperty('x');
  });
});

describe('window state file', () => {
  it('round-trips and treats a damaged file as absent', async () => {
    const dir = await tempDir();
    const file = join(dir.path, 'window-state.json');
    expect(await loadWindowState(file)).toBeNull();
    await saveWindowState(file, { x: 5, y: 6, width: 900, height: 600, maximized: false });
    expect(await loadWindowState(file)).toEqual({ x: 5, y: 6, width: 900, height: 600, maximized: false });
    await writeFile(file, '{"width": "wide"');
    expect(await loadWindowState(file)).toBeNull();
    await dir.remove();
  });

  it('saves the normal bounds and maximized flag when the window closes', async () => {
    let onClose: () => void = () => {};
    const saved: WindowState[] = [];
    trackWindowState(
      { on: (_e, l) => (onClose = l), getNormalBounds: () => ({ x: 10.4, y: 20, width: 1000, height: 700.6 }), isMaximized: () => true },
      async (state) => {
        saved.push(state);
      },
    );
    onClose();
    expect(saved).toEqual([{ x: 10, y: 20, width: 1000, height: 701, maximized: true }]);
  });
});
