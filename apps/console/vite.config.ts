import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console is a plain SPA served by the registry at /console (apps/registry/src/console/serve-console.ts).
// JSX goes through Vite's built-in Oxc transform (no React plugin: no fast refresh, which the console doesn't need).
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/console/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: resolve(root, '../../dist/console'),
    emptyOutDir: true,
    assetsInlineLimit: 0, // no data: URLs, so a strict CSP needs nothing special
    sourcemap: false,
  },
  server: {
    // `npx vite --config apps/console/vite.config.ts` with the registry on :3000
    proxy: { '/v1': 'http://localhost:3000' },
  },
});
