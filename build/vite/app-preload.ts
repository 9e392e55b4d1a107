import type { Plugin } from 'vite';

/**
 * The page's entry script is tiny and imports the app (renderer/src/app-main.tsx) dynamically, so
 * it can ask main for the kept inbox first. Left alone, Chromium would only start fetching the
 * app's chunks once the entry had run: a second round trip on the launch path. This plugin lists
 * the app chunk, the chunks it imports statically and its CSS in index.html
 * (`<link rel="modulepreload">`, `<link rel="preload" as="style">`), so they download alongside the entry.
 */
export function appPreloadPlugin(appModule = 'app-main.tsx'): Plugin {
  return {
    name: 'desk-app-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId?.endsWith(appModule));
        if (!app) throw new Error(`app-preload: no chunk for ${appModule} (is it still imported dynamically by the entry?)`);
        const scripts = new Set<string>();
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const visit = (fileName: string) => {
          if (scripts.has(fileName)) return;
          scripts.add(fileName);
          for (const next of byName.get(fileName)?.imports ?? []) visit(next);
        };
        visit(app.fileName);
        // The entry itself is already on its way (its <script>).
        for (const c of chunks) if (c.isEntry) scripts.delete(c.fileName);
        const styles = [...(app.viteMetadata?.importedCss ?? [])];
        return [
          ...[...scripts].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const })),
          // Fetched now, applied when the app loads (Vite's loader adds the stylesheet then): a
          // stylesheet link here could hold the entry script back until it had loaded.
          ...styles.map((file) => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}
