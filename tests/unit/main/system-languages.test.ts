import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/main/ipc-dispatch';
import { createServices, type Services } from '../../../electron/main/services';
import { fakeEmulatorStarter, fakeSafeStorage, tempDir } from './fakes';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup) await step();
  cleanup = [];
});

async function servicesWith(systemLanguages?: () => string[]): Promise<Services> {
  const dir = await tempDir();
  const services = createServices({
    userDataDir: dir.path,
    safeStorage: fakeSafeStorage(),
    platform: 'linux',
    startEmulator: fakeEmulatorStarter().start,
    ...(systemLanguages ? { systemLanguages } : {}),
  });
  cleanup.push(() => services.close(), () => dir.remove());
  return services;
}

describe('settings:systemLanguages', () => {
  it('hands the window the OS languages main sees, best first', async () => {
    const services = await servicesWith(() => ['fr-CA', 'en-US', 'fr']);
    expect(await dispatch(services.handlers, 'settings:systemLanguages', undefined)).toEqual({ ok: true, value: { languages: ['fr-CA', 'en-US', 'fr'] } });
  });

  it('answers an empty list outside Electron, so the window asks its browser', async () => {
    const services = await servicesWith();
    expect(await dispatch(services.handlers, 'settings:systemLanguages', undefined)).toEqual({ ok: true, value: { languages: [] } });
  });

  it('stores the language and clock choices, refusing values the desk does not know', async () => {
    const services = await servicesWith();
    expect(await dispatch(services.handlers, 'settings:set', { language: 'es', clock: '24h' })).toMatchObject({ ok: true, value: { language: 'es', clock: '24h' } });
    expect(await dispatch(services.handlers, 'settings:set', { language: 'de' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
