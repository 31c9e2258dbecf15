import { fileURLToPath } from "node:url";

/** Vite's output (`npm run build` writes it; nothing of it is committed). */
export const webDir = fileURLToPath(new URL("../dist/web/", import.meta.url));
