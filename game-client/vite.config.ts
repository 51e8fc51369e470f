import { defineConfig } from 'vitest/config';

// `npm run dev` (Vite's own server with hot module replacement on 5173) talks to a Quarkade server on 8080.
// Under `./mvnw quarkus:dev` the client is rebuilt on save by `npm run watch` (vite.dev-watch.config.ts) instead.
const backend = process.env.QUARKADE_URL ?? 'http://localhost:8080';

export default defineConfig({
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': backend,
      '/ws': { target: backend.replace(/^http/, 'ws'), ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
