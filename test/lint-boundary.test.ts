// The import boundaries are rules the project relies on — only lib/<domain>/data.ts reaches the database, and domains
// depend on each other in one direction (eslint.config.mjs, DOMAIN_ORDER) — so they are tested like behaviour: the
// same import passes where it is allowed and fails anywhere else.
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

describe("direction between domains", () => {
  const source = (line: string) => `${line}\nexport const y = 1;\n`;

  it.each([
    ["lib/notices/data/send.ts", 'import { x } from "@/lib/directory/policy";'],
    ["lib/notices/policy.ts", 'import { x } from "@/lib/mail/addresses";'],
    ["lib/advisories/record.ts", 'import { x } from "@/lib/notices/cvss";'],
    ["lib/mail/data/entitlement.ts", 'import { x } from "../addresses";'],
    ["lib/composition/job-handlers.ts", 'import { x } from "@/lib/notices/data";'],
    ["lib/notices/actions.ts", 'import { x } from "@/lib/advisories/data/announcement";'],
    ["app/(maintainer)/maintainer/page.tsx", 'import { x } from "@/lib/tokens/data";'],
    ["lib/signing/data/manage.ts", 'import { x } from "@/lib/settings/data";'],
    ["lib/mail/data/outbox.ts", 'import { x } from "@/lib/signing/data";'],
    ["lib/approvals/data/requests.ts", 'import { x } from "@/lib/mail/data";'],
    ["lib/composition/approval-handlers.ts", 'import { x } from "@/lib/notices/data";'],
    ["lib/notices/actions.ts", 'import { x } from "@/lib/composition/approval-handlers";'],
    // Leak tracing sits right after signing: the notices domain resolves its codes, tracing knows no notice.
    ["lib/notices/data/trace.ts", 'import { x } from "@/lib/tracing/codes";'],
    ["lib/tracing/codes.ts", 'import { x } from "@/lib/server/config";'],
  ])("allows %s to import downward or as an entry point: %s", async (file, line) => {
    expect(await restrictedImportErrors(file, source(line))).toBe(0);
  });

  it.each([
    ["lib/mail/data/entitlement.ts", 'import { x } from "@/lib/directory/policy";'],
    ["lib/settings/schemas.ts", 'import { x } from "@/lib/advisories/formats/osv";'],
    ["lib/auth/data.ts", 'import { x } from "@/lib/tokens/data/tokens";'],
    ["lib/jobs/data.ts", 'import { x } from "@/lib/notices/data";'],
    ["lib/notices/data/lifecycle.ts", 'import { x } from "@/lib/composition/job-handlers";'],
    ["lib/server/config.ts", 'import { x } from "@/lib/audit/data";'],
    ["lib/settings/schemas.ts", 'import { x } from "@/components/notices/disclosure-time";'],
    ["lib/signing/data/sign.ts", 'import { x } from "@/lib/mail/addresses";'],
    ["lib/settings/data.ts", 'import { x } from "@/lib/signing/data";'],
    // The two-person rule sits below the domains it covers: their handlers come from the composition root.
    ["lib/approvals/data/decide.ts", 'import { x } from "@/lib/notices/data";'],
    ["lib/approvals/data/requests.ts", 'import { x } from "@/lib/composition/approval-handlers";'],
    ["lib/notices/data/send.ts", 'import { x } from "@/lib/composition/approval-handlers";'],
    ["lib/tracing/file-marks.ts", 'import { x } from "@/lib/notices/data";'],
    ["lib/tracing/codes.ts", 'import { x } from "@/lib/mail/addresses";'],
    ["lib/signing/keys.ts", 'import { x } from "@/lib/tracing/codes";'],
  ])("refuses %s importing upward: %s", async (file, line) => {
    expect(await restrictedImportErrors(file, source(line))).toBe(1);
  });
});
