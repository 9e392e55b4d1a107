import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Node-side code (main, emulator, SDK-against-emulator) and DOM-side code (renderer) need
// different environments, so each gets its own project; `vitest run tests/unit` still filters.
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
            'tests/e2e/**/*.test.ts',
            // Packs out/ with electron-builder offline; npm test builds first.
            'tests/packaging/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['renderer/**/*.test.tsx', 'renderer/**/*.test.ts', 'tests/renderer/**/*.test.ts', 'tests/renderer/**/*.test.tsx'],
        },
      },
    ],
  },
});
