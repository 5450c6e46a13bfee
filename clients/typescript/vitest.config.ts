import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // one real master (app/target/calsync.jar) for the whole run
    globalSetup: ["./test/master.setup.ts"],
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // the tests share one master; run files one after the other on this 2-core machine
    fileParallelism: false,
  },
});
