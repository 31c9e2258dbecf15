import { defineConfig } from "vitest/config";

export default defineConfig({
  // graphql 16 has no exports map: without this alias, test files get index.mjs and
  // type-graphql/Apollo get index.js — two realms (stack notes §2.2).
  resolve: { alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }] },
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    globalSetup: ["test/globalSetup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
