import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Only the data layer talks to the database: pages, actions, components and policies go through lib/<domain>/data.ts.
// Types and enums of the generated client (generated/prisma/enums) are fine anywhere; the client and drivers are not.
const DB_CLIENT_PATTERNS = [
  {
    group: ["**/server/db/client", "**/server/db/client.ts", "**/db/client", "**/db/client.ts", "**/server/db/adapter*", "**/server/db/pglite*", "**/server/db/prepared*"],
    message: "Only lib/<domain>/data.ts may use the database client.",
  },
  {
    group: ["**/generated/prisma/**", "!**/generated/prisma/enums", "!**/generated/prisma/enums.ts", "@prisma/client", "@prisma/client/**", "@prisma/adapter-pg", "pglite-prisma-adapter", "pg", "@electric-sql/pglite", "@electric-sql/pglite/**"],
    message: "Only lib/<domain>/data.ts may reach the database (Prisma client, drivers).",
  },
];

// Domains depend on each other in one direction, bottom to top (house-style.md): a domain may import the ones before
// it, never one after it. lib/composition (the job registry, start-up) is the named place that sees every domain.
// Entry points — server actions (lib/<domain>/*actions.ts), pages, route handlers, components — and tests may import
// any domain; what they call still decides for itself who may do what.
const DOMAIN_ORDER = ["text", "time", "packages", "server", "audit", "rate-limit", "settings", "signing", "tracing", "jobs", "mail", "auth", "second-factor", "approvals", "directory", "reports", "notices", "advisories", "tokens", "health", "composition"];
const ENTRY_POINTS = ["lib/*/actions.ts", "lib/*/*-actions.ts", "**/*.test.ts", "**/*.test.tsx", "**/*.int.test.ts"];
const DATA_FILES = ["lib/*/data.ts", "lib/*/data/**", "lib/server/db/**"];
function layerPatterns(domain) {
  const above = DOMAIN_ORDER.slice(DOMAIN_ORDER.indexOf(domain) + 1);
  return [
    { regex: `^(@/lib/|(\\.\\./)+)(${above.join("|")})(/|$)`, message: `lib/${domain} sits below ${above.join(", ")}: import downward only (house-style.md, direction between domains). Move the shared rule down, or call it from an entry point.` },
    { regex: "^@/components(/|$)", message: "lib/ holds rules and data; UI lives in components/ and may import lib/, not the other way round." },
  ];
}
const layerRules = DOMAIN_ORDER.flatMap((domain) => [
  { files: [`lib/${domain}/**/*.{ts,tsx}`], ignores: ENTRY_POINTS, rules: { "no-restricted-imports": ["error", { patterns: [...DB_CLIENT_PATTERNS, ...layerPatterns(domain)] }] } },
  { files: DATA_FILES.filter((g) => g.startsWith(`lib/${domain}/`) || g.startsWith("lib/*/")).map((g) => g.replace("lib/*/", `lib/${domain}/`)), ignores: ENTRY_POINTS, rules: { "no-restricted-imports": ["error", { patterns: layerPatterns(domain) }] } },
]);

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", "generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    // Dependencies are not linted; parsing PGlite's bundle for import rules overflows the stack.
    settings: { "import/ignore": ["node_modules"] },
    rules: {
      "no-restricted-imports": ["error", { patterns: DB_CLIENT_PATTERNS }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    // The data layer, the database plumbing itself, seeds and tests may reach the client.
    files: ["lib/*/data.ts", "lib/*/data/**", "lib/server/db/**", "prisma/**", "prisma.config.ts", "**/*.test.ts", "**/*.int.test.ts", "test/**", "e2e/**", "scripts/**", "bench/**"],
    rules: { "no-restricted-imports": "off" },
  },
  ...layerRules,
]);
