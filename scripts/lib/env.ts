// Environment shared by every script: the project's .env (if any) and the guards that keep Prisma offline.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Loads `.env` from the project root without overriding variables already set (same rule as Next). */
export function loadDotEnv(): void {
  const file = path.join(root, ".env");
  if (!existsSync(file)) return;
  const before = { ...process.env };
  process.loadEnvFile(file);
  for (const [key, value] of Object.entries(before)) process.env[key] = value;
}

/** Nothing may be downloaded: no engine, no telemetry, no update check. */
export function prismaOfflineEnv(): Record<string, string> {
  const cache = path.join(root, "node_modules", ".cache", "forewarn");
  const emptyEngine = path.join(cache, "no-query-engine.node");
  if (!existsSync(emptyEngine)) {
    mkdirSync(cache, { recursive: true });
    writeFileSync(emptyEngine, "");
  }
  return {
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    PRISMA_DISABLE_WARNINGS: "1",
    PRISMA_QUERY_ENGINE_LIBRARY: emptyEngine,
    PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
  };
}
