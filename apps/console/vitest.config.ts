import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { DOMAIN_ALIAS } from './vite.config';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: DOMAIN_ALIAS },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
