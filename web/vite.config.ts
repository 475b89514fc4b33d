/// <reference types="vitest/config" />
// Vite builds the dashboard into web/dist (served by the API at `/`); Oxc compiles TSX with the
// automatic JSX runtime, so no React plugin is needed. `npm run dev` proxies /api to a local API.
import { defineConfig } from 'vite';

// Component tests (happy-dom) render times in a fixed zone so "local start time" assertions are exact.
process.env.TZ = 'America/New_York';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    proxy: { '/api': { target: process.env.ECOBOARD_API ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    globals: false,
  },
});
