// Entry point of `npm start`: everything else in this app is importable without side effects.
import { main } from "./main.js";

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
