import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Everything the server answers itself; the dev server passes it through so cookies stay same-origin.
const server = "http://localhost:3000";
const proxy = {
  "/api": server,
  "/health": server,
  "/docs": server,
  "/openapi.json": server,
  "/ws": { target: server, ws: true },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Source maps stay out of the served folder: nothing to leak, nothing extra to download.
    sourcemap: false,
  },
});
