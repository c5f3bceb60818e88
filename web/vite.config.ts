import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './scripts/precompress';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// The API server `npm run dev` starts next to Vite (see web/scripts/dev.ts).
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? '3000'}`;

export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress()],
  resolve: {
    // The server's Zod schemas type the client (and validate some forms).
    alias: { '@server': fileURLToPath(new URL('../src', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in production: they would be public and weigh 2.7 MB.
    // SOURCEMAP=1 writes them for a local debugging build.
    sourcemap: process.env.SOURCEMAP === '1',
    // Each page is its own chunk (React.lazy in AppRoutes); the entry keeps
    // React, TanStack Query, the router and the shell.
    chunkSizeWarningLimit: 300,
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: apiTarget },
      '/healthz': { target: apiTarget },
    },
  },
});
