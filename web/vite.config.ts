import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The Spring Boot server serves target/classes/static from the tianshu-web jar at "/".
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    // During `npm run dev`, forward API calls to a locally running `tianshu serve`.
    proxy: { '/api': 'http://localhost:8080' },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
