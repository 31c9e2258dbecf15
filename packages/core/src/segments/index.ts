// Public surface of the segments area; re-exported by src/index.ts.
export {};
