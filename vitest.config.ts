import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Node-side code (main, emulator, SDK-against-emulator), DOM-side code (renderer) and the
// end-to-end runs in Chromium each get a project; `vitest run tests/unit` still filters.
export default defineConfig({
  test: {
    // twilsock rejects its queued requests when a refused connection closes and nobody can catch
    // that promise (its own source says "@todo Error Unhandled promise rejection!" in
    // rejectPendingMessages). Only that SDK message is ignored; every other stray error still fails.
    onUnhandledError: (error) => !String((error as { message?: unknown }).message ?? '').startsWith('Unable to connect: '),
    testTimeout: 15_000,
    hookTimeout: 15_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'tests/unit/**/*.test.ts',
            'tests/unit/**/*.test.tsx',
            'tests/integration/**/*.test.ts',
            // Packs out/ with electron-builder offline; npm test builds first.
            'tests/packaging/**/*.test.ts',
          ],
        },
      },
      {
        // Chromium + an emulator per test: npm test runs this project on its own, one file at a
        // time, so two cores are not shared with the rest of the suite.
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The built app in the real Electron binary (playwright's _electron): `npm run test:electron`,
        // under xvfb on Linux CI. Skipped, with the reason printed, where Electron cannot run.
        extends: true,
        test: {
          name: 'electron',
          environment: 'node',
          include: ['tests/electron/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'jsdom',
          setupFiles: ['renderer/src/test/setup.ts'],
          include: ['renderer/**/*.test.tsx', 'renderer/**/*.test.ts', 'tests/renderer/**/*.test.ts', 'tests/renderer/**/*.test.tsx'],
        },
      },
    ],
  },
});
