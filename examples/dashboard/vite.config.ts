import { defineConfig } from "vite";

// The browser half of the example: web/ → dist/web (served by src/serve.ts). No inline
// scripts or data: URLs in the output, so the page runs under the server's same-origin CSP.
export default defineConfig({
  root: "web",
  base: "/",
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: "es2022",
    reportCompressedSize: true,
    // One chunk of about 620 kB (ECharts, tree-shaken): measured and accepted, see README.
    chunkSizeWarningLimit: 700,
  },
});
