import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside React Server Components; under test the data layer is called directly.
  "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          // A ceiling, not a wait: a unit test that passes in 1 s on a quiet machine can take several on a loaded one.
          testTimeout: 30_000,
          include: ["{lib,app,components,scripts,test}/**/*.test.{ts,tsx}", "*.test.ts"],
          exclude: ["**/*.int.test.{ts,tsx}", "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "int",
          environment: "node",
          include: ["{lib,app,components,scripts,test,prisma}/**/*.int.test.{ts,tsx}"],
          globalSetup: ["test/global-setup.ts"],
          // Ceilings, not waits (tests wait for conditions in bounded loops): generous because the suite must pass on a
          // shared 2-core machine under load, where a test that spawns the Prisma CLI three times takes minutes.
          testTimeout: 180_000,
          hookTimeout: 300_000,
          // Two cores: more workers only add PGlite start-up cost.
          maxWorkers: 2,
        },
      },
    ],
  },
});
