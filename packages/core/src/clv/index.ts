// Public surface of the clv area; re-exported by src/index.ts.
export {};
