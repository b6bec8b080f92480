import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // e2e stories start servers on ephemeral ports and use their own Redis prefixes, so files may run in parallel
    pool: "forks",
    globalSetup: ["test/support/global-setup.ts"],
  },
});
