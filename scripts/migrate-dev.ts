// npm run db:migrate:dev -- --name add_notices
// Writes a new migration from the difference between prisma/migrations and prisma/schema.prisma, regenerates the
// client and applies it to the configured database. The difference is computed on a throw-away in-memory PGlite
// (Prisma's `migrate dev` needs a shadow database it cannot get reliably through driver adapters), so creating a
// migration never touches your data and works the same with or without DATABASE_URL.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadDotEnv, root } from "./lib/env.ts";
import { prisma } from "./lib/run.ts";

loadDotEnv();
const args = process.argv.slice(2);
const nameFlag = args.indexOf("--name");
const name = nameFlag >= 0 ? args[nameFlag + 1] : args.find((a) => !a.startsWith("-"));
if (!name || !/^[a-z0-9][a-z0-9_]{0,62}$/.test(name)) {
  console.error("Usage: npm run db:migrate:dev -- --name <snake_case_name>   (lower-case letters, digits and _)");
  process.exit(2);
}

const scratch = mkdtempSync(path.join(tmpdir(), "forewarn-migrate-dev-"));
const output = path.join(scratch, "migration.sql");
try {
  const diffEnv: NodeJS.ProcessEnv = { ...process.env, FOREWARN_DATA_DIR: path.join(scratch, "data") };
  delete diffEnv.DATABASE_URL;
  const code = await prisma(
    ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script", "--output", output],
    { env: diffEnv, stdio: ["ignore", "ignore", "inherit"] },
  );
  if (code !== 0) process.exit(code);
  const sql = readFileSync(output, "utf8");
  const statements = sql.split("\n").filter((line) => line.trim() && !line.trim().startsWith("--"));
  if (statements.length === 0) {
    console.log("No schema changes: prisma/schema.prisma already matches prisma/migrations. Nothing written.");
  } else {
    const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
    const dir = path.join(root, "prisma", "migrations", `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.relative(root, dir)}/migration.sql:\n\n${sql}`);
    console.log("Review it (add data migrations or triggers by hand if needed) and commit it with the schema change.");
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if ((await prisma(["generate"], { stdio: ["ignore", "ignore", "inherit"] })) !== 0) process.exit(1);
console.log("Applying pending migrations to the configured database…");
process.exit(await prisma(["migrate", "deploy"]));
