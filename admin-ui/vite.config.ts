import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const page = (name: string) => new URL(name, import.meta.url).pathname;

/**
 * One build for both hosts: the standalone admin serves it at /admin/, and the Shopify embedded page loads
 * the same /admin/assets/* files. The server's CSP allows only same-origin scripts, so nothing is inlined
 * into index.html (no module-preload polyfill either). Two small pages share the build and its vendor chunk:
 * welcome.html (the server's front door at /) and sandbox.html (the sandbox platform's token page).
 */
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    // React and Polaris in one vendor chunk: it changes with dependency upgrades only, so a deploy of
    // our code leaves it cached. Large enough that Vite's size warning is noise for an admin app.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: { admin: page('index.html'), welcome: page('welcome.html'), sandbox: page('sandbox.html') },
      output: { codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] } },
    },
  },
});
