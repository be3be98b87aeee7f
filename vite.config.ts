import { defineConfig } from 'vite';

// `npm start` serves the demo: demo/index.html imports the library straight from src/.
export default defineConfig({
  root: 'demo',
  server: {
    open: false,
    fs: { allow: ['..'] },
  },
  build: {
    outDir: '../dist-demo',
    emptyOutDir: true,
  },
});
