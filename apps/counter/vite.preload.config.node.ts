// Bundles the preload into one CommonJS file: Electron loads a sandboxed preload without module support.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('./dist/preload', import.meta.url)),
    emptyOutDir: true,
    minify: false,
    lib: {
      entry: fileURLToPath(new URL('./src/preload/bridge.preload.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'bridge.preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
