// Build for all three faces. The main build emits the Electron entry, the CLI/server entry and the
// engine worker and Flite's child process side by side in out/main, so `koe serve` and the desktop app run the same bundle.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import pkg from './package.json';
import { contentSecurityPolicy } from './src-main/server/static';

/**
 * The CSP as a <meta> in the built index.html: a header set by the session may not reach a page the
 * desktop app serves itself, and the page must not depend on it. frame-ancestors is left out (a meta
 * cannot carry it; the server sends it as a header). Only in builds: the dev server injects inline
 * scripts for hot reload.
 */
function cspMeta(): Plugin {
  const policy = contentSecurityPolicy()
    .split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'koe-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`),
  };
}

const define = { __KOE_VERSION__: JSON.stringify(pkg.version) };

export default defineConfig({
  main: {
    define,
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
          'engine-worker': resolve(__dirname, 'src-main/core/engine-worker.ts'),
          // The Japanese/Chinese reader's thread (text/g2p/cjk-thread.ts).
          'text-worker': resolve(__dirname, 'src-main/core/text-worker.ts'),
          // An export's codec threads (audio/export/encode-thread.ts).
          'encode-worker': resolve(__dirname, 'src-main/core/encode-worker.ts'),
          // Flite's child process (forked, not a thread): see src-main/core/flite-child.ts.
          'flite-child': resolve(__dirname, 'src-main/core/flite-child.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        // A sandboxed preload cannot `require` local chunks, so it must be one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react(), cspMeta()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves bundles unminified; the studio's script is 2.1 MB that way, and parsing
      // it was a sixth of opening a book in the browser. Minified it is about half the size.
      minify: 'esbuild',
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
