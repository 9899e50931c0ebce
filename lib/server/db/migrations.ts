// The migrations this build ships (prisma/migrations), to compare with what the database has applied.
import { readdir } from "node:fs/promises";
import path from "node:path";

export async function listShippedMigrations(): Promise<string[]> {
  // A statically scoped path, so the build traces only this folder.
  const entries = await readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export type AppliedMigration = { name: string; finished: boolean; rolledBack: boolean };
export type MigrationState = {
  state: "up-to-date" | "pending" | "failed" | "ahead";
  applied: number;
  shipped: number;
  pending: string[];
  failed: string[];
  unknown: string[];
};

/** Pure comparison, so the rules are unit-tested without a database. */
export function compareMigrations(shipped: string[], applied: AppliedMigration[]): MigrationState {
  const done = new Set(applied.filter((m) => m.finished && !m.rolledBack).map((m) => m.name));
  const failed = applied.filter((m) => !m.finished && !m.rolledBack).map((m) => m.name);
  const pending = shipped.filter((name) => !done.has(name) && !failed.includes(name));
  const known = new Set(shipped);
  const unknown = [...done].filter((name) => !known.has(name)).sort();
  const state = failed.length > 0 ? "failed" : pending.length > 0 ? "pending" : unknown.length > 0 ? "ahead" : "up-to-date";
  return { state, applied: done.size, shipped: shipped.length, pending, failed, unknown };
}
