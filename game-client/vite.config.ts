import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm run dev` (hot module replacement on :5173) forwards the API and the room sockets to the Quarkade server, by
// default the `./mvnw quarkus:dev` one on :8080. Under `./mvnw quarkus:dev` the client is also rebuilt on save by
// `npm run watch` (vite.dev-watch.config.ts).
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
