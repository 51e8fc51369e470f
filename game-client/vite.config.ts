import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Standalone `npm run dev` talks to a Quarkade server on 8080; under `./mvnw quarkus:dev` Quinoa serves this
// dev server through Quarkus instead, so the API is on the same origin.
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
    // Two pages: the game at / and the operator console at /admin/.
    rollupOptions: {
      input: { game: resolve(__dirname, 'index.html'), admin: resolve(__dirname, 'admin/index.html') },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
