import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The Spring Boot server serves target/classes/static from the tianshu-web jar at "/".
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    // antd (with its rc-* components, icons and dayjs) is ~1 MB minified, ~315 kB gzipped.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      output: {
        // Stable vendor chunks: they change less often than the app and cache well.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
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
