import "server-only";
// The one Prisma client of this process, created on first use (never at import: `next build` must not open the
// database). Only lib/*/data.ts may import this module (enforced by ESLint).
import { PrismaClient } from "@/generated/prisma/client";
import { readDatabaseConfig, type DatabaseConfig } from "./config.ts";
import { createAdapterFactory } from "./adapter.ts";

export type Db = PrismaClient;

type Holder = {
  client?: PrismaClient;
  config?: DatabaseConfig;
  override?: { client: PrismaClient; kind: DatabaseConfig["kind"] };
};
const holder: Holder = ((globalThis as { __forewarnDb?: Holder }).__forewarnDb ??= {});

export function createPrismaClient(adapter: ReturnType<typeof createAdapterFactory>): PrismaClient {
  return new PrismaClient({
    adapter,
    // Secret columns never leave the data layer unless a function asks for them by name.
    omit: { user: { totpSecret: true }, session: { totpPendingSecret: true } },
  });
}

export function getDatabaseConfig(): DatabaseConfig {
  return (holder.config ??= readDatabaseConfig());
}

export function getDatabaseKind(): DatabaseConfig["kind"] {
  return holder.override?.kind ?? getDatabaseConfig().kind;
}

export function getDb(): PrismaClient {
  if (holder.override) return holder.override.client;
  holder.client ??= createPrismaClient(createAdapterFactory(getDatabaseConfig()));
  return holder.client;
}

/** Integration tests run the real data functions against a database they created (PGlite or PostgreSQL). */
export function useDbForTests(override: { client: PrismaClient; kind: DatabaseConfig["kind"] } | undefined): void {
  if (!process.env.VITEST) throw new Error("useDbForTests is for the test suite only");
  holder.override = override;
}
