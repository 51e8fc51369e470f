import { defineConfig, mergeConfig } from 'vite';
import base from './vite.config';

// Used by `./mvnw quarkus:dev` (ops.ClientLiveReload): rebuilds the client into dist/ on every save, with stable
// file names; in dev mode Quarkus serves dist/ straight from disk, so a browser refresh shows the new code.
export default mergeConfig(base, defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name].js',
        chunkFileNames: 'assets/[name].js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
}));
