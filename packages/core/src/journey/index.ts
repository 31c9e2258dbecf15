// Public surface of the journey area; re-exported by src/index.ts.

export type { Persona } from "./Persona.js";
