import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `npm run dev:web`: Vite on 5173 with /api proxied to the server (`npm start`, port 3000 unless KAOPING_PORT).
const apiTarget = `http://127.0.0.1:${process.env.KAOPING_PORT ?? "3000"}`;

export default defineConfig({
  plugins: [react()],
  build: {
    manifest: true,
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: "127.0.0.1",
    proxy: { "/api": { target: apiTarget, changeOrigin: false } },
  },
});
