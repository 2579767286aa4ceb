import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Dev: `npm run dev -w @nianbao/web` with the server on :8787 (the /trpc and /export proxies). Build: dist/, served by the server at /. */
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/trpc': { target: 'http://localhost:8787', changeOrigin: false },
      '/export': { target: 'http://localhost:8787', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1200,
  },
});
