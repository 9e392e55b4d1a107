/**
 * `npm run dev:browser`: the renderer in Vite's dev server (hot reload) with the real main-process
 * handlers and the Local workspace behind it, for UI work without Electron. Open the printed URL
 * in Chromium or Chrome.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer } from 'vite';
import react from '@vitejs/plugin-react';
import { twilsockCodecPlugin } from '../../build/vite/twilsock-codec';
import { startBrowserApp } from './browser-app';

async function main(): Promise<void> {
  const userDataDir = resolve(process.env.DESK_USER_DATA ?? join('.tmp', 'dev-browser'));
  mkdirSync(userDataDir, { recursive: true });
  const vite = await createServer({ root: resolve('renderer'), plugins: [twilsockCodecPlugin(), react()], optimizeDeps: { rolldownOptions: { plugins: [twilsockCodecPlugin()] } }, server: { host: '127.0.0.1', port: 5173 } });
  await vite.listen();
  const origin = `http://127.0.0.1:${vite.config.server.port}`;
  const app = await startBrowserApp({
    userDataDir,
    devServerOrigin: origin,
    // DESK_TWILIO_VIA_EMULATOR=1: Twilio profiles made of the emulator's credentials connect to it.
    twilioViaEmulator: process.env.DESK_TWILIO_VIA_EMULATOR === '1',
    log: (line) => process.stderr.write(`${line}\n`),
  });
  await app.services.local.start();
  process.stdout.write(`Conversations Desk (browser mode) at ${app.url}\nUser data in ${userDataDir}\n`);
  const stop = (): void => {
    void Promise.allSettled([app.close(), vite.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`dev:browser: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
