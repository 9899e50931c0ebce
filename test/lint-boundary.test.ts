// The import boundary is a rule the project relies on (only lib/<domain>/data.ts reaches the database), so it is
// tested like behaviour: the same import passes in a data file and fails anywhere else.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
// import/no-cycle needs the file on disk; these sources are virtual.
const eslint = new ESLint({ cwd: root, overrideConfig: { rules: { "import/no-cycle": "off" } } });

async function restrictedImportErrors(file: string, source: string): Promise<number> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").length;
}

const usesClient = 'import { getDb } from "@/lib/server/db/client";\nexport const x = getDb;\n';
const usesPrisma = 'import { PrismaClient } from "@/generated/prisma/client";\nexport const x = PrismaClient;\n';

describe("database import boundary", () => {
  it.each(["lib/notices/data.ts", "lib/health/data.ts", "prisma/seed.ts"])("allows %s", async (file) => {
    expect(await restrictedImportErrors(file, usesClient)).toBe(0);
  });

  it.each(["app/(public)/page.tsx", "app/api/health/route.ts", "lib/notices/policy.ts", "lib/notices/actions.ts", "components/ui/button.tsx"])(
    "refuses %s",
    async (file) => {
      expect(await restrictedImportErrors(file, usesClient)).toBe(1);
      expect(await restrictedImportErrors(file, usesPrisma)).toBe(1);
    },
  );

  it.each([
    'import { x } from "@/generated/prisma/internal/class";',
    'import { createAdapterFactory } from "@/lib/server/db/adapter";',
    'import { openPglite } from "@/lib/server/db/pglite";',
    'import pg from "pg";',
    'import { PGlite } from "@electric-sql/pglite";',
    'import { PrismaClient } from "@prisma/client";',
  ])("refuses the side doors in a page: %s", async (line) => {
    expect(await restrictedImportErrors("app/(public)/page.tsx", `${line}\nexport const y = 1;\n`)).toBe(1);
  });

  it("allows the generated enums (types) anywhere", async () => {
    expect(await restrictedImportErrors("lib/notices/policy.ts", 'import type { Role } from "@/generated/prisma/enums";\nexport type R = Role;\n')).toBe(0);
  });

  it("refuses relative paths to the client too", async () => {
    expect(await restrictedImportErrors("lib/notices/policy.ts", 'import { getDb } from "../server/db/client";\nexport const x = getDb;\n')).toBe(1);
  });
});
