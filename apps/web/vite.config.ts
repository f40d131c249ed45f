import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @reel/web` proxies the API to a gateway on :4000 (`npm start`); the production
// build in dist/ is served by the gateway itself at `/`.
const gateway = 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
  server: {
    proxy: {
      '/graphql': { target: gateway, ws: true },
      '/media': gateway,
      '/static': gateway,
    },
  },
});
