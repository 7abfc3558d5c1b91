import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { staleSchema } from './api-codegen.mjs';

// The console is a plain SPA served by the registry at /console (apps/registry/src/console/serve-console.ts).
// JSX goes through Vite's built-in Oxc transform (no React plugin: no fast refresh, which the console doesn't need).
const root = fileURLToPath(new URL('.', import.meta.url));

/** The domain's rules and words, shared with the registry: `@app/domain/<module>` (as in the registry's own code). */
export const DOMAIN_ALIAS = { '@app/domain': resolve(root, '../../libs/domain/src') };

/** Every build regenerates the API types from the committed OpenAPI document and stops if the committed ones differ. */
function apiTypesCurrent(): Plugin {
  return {
    name: 'console-api-types-current',
    apply: 'build',
    async buildStart() {
      const stale = await staleSchema();
      if (stale) this.error(stale);
    },
  };
}

export default defineConfig({
  root,
  base: '/console/',
  publicDir: false,
  plugins: [apiTypesCurrent()],
  resolve: { alias: DOMAIN_ALIAS },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: resolve(root, '../../dist/console'),
    emptyOutDir: true,
    assetsInlineLimit: 0, // no data: URLs, so a strict CSP needs nothing special
    sourcemap: false,
    // Regenerating the API types takes about two seconds of the build, by design: no timing warning for it.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    // `npx vite --config apps/console/vite.config.ts` with the registry on :3000
    proxy: { '/v1': 'http://localhost:3000' },
  },
});
