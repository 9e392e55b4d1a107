import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { appPreloadPlugin } from './build/vite/app-preload';
import { twilsockCodecPlugin } from './build/vite/twilsock-codec';

// Paths are spelled out instead of relying on electron-vite's src/main convention: our folders
// (electron/, renderer/, shared/) say where code runs.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // emulator.js: the emulator's CLI, which main starts in a utility process (electron/main/emulator-process.ts).
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts'), emulator: resolve(__dirname, 'electron/emulator/cli.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot `require` anything but electron's own modules, so it is one
      // self-contained CommonJS file: no shared chunks, no externalized node_modules.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [twilsockCodecPlugin(), react(), appPreloadPlugin()],
    // In dev, node_modules are pre-bundled by the dep optimizer, which does not run the plugins
    // above; giving it the same plugin keeps `npm start` on the patched codec too. Its cache does
    // not notice edits to the plugin itself: after changing it, delete node_modules/.vite once.
    optimizeDeps: { rolldownOptions: { plugins: [twilsockCodecPlugin()] } },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified; minified, Chromium parses and compiles the
      // app and the SDK noticeably faster at launch (see docs/benchmarks.md). DESK_MINIFY=0 builds
      // it readable, for CPU profiles (tests/bench/scroll-profile.ts).
      minify: process.env.DESK_MINIFY !== '0',
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
