// The renderer bundle, the same for Electron (served from app://counter) and browser mode (served by the
// terminal's browser host). No inline scripts or styles: the CSP allows 'self' only.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => decodeURIComponent(new URL(path, import.meta.url).pathname);

export default defineConfig({
  root: here('./src/renderer'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
