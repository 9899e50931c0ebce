// The project's private key in a backup (issue 17): `npm run backup` copies the database as it is, so the file holds
// the key only as the sealed column — never the armored private key. Checked inside the payload itself (PGlite's
// data directory un-gzipped; pg_dump's table data through pg_restore), with the sealed value as the positive control
// that the check does see the column's contents.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runScript } from "@/test/cli";
import { createInstance, withInstance } from "@/test/backup-instance";
import { DATABASE_KINDS } from "@/test/db";
import { maintainer } from "@/test/viewers";
import { getInstanceSecret } from "@/lib/server/config";
import { openSealedText } from "@/lib/server/sealed";
import { generateKeyForProject, SEAL_INFO } from "@/lib/signing/data";
import { GenerateKeySchema } from "@/lib/signing/schemas";
import { privateKeyTraces, tracesIn } from "@/test/key-material";
import { payloadStream, verifyBackup } from "./lib/backup-file";

let work: string;
beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= "test-instance-secret";
  work = await mkdtemp(path.join(tmpdir(), "forewarn-backup-key-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function payloadOf(file: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of payloadStream(await verifyBackup(file))) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

for (const kind of DATABASE_KINDS) {
  const available = kind === "pglite" || inject("pgAvailable");
  describe.skipIf(!available)(`backup of the project's key [${kind}]`, { timeout: 180_000 }, () => {
    it("holds the sealed column only, never the armored private key", async () => {
      const instance = await createInstance(kind, work);
      try {
        const sealed = await withInstance(instance, async (client) => {
          const m = maintainer(await client.user.create({ data: { email: "key@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
          const key = await generateKeyForProject(m, GenerateKeySchema.parse({}), { ip: null, userAgent: null });
          return (await client.projectKey.findUniqueOrThrow({ where: { fingerprint: key.fingerprint } })).encryptedPrivateKey!;
        });
        const armored = openSealedText(getInstanceSecret(), SEAL_INFO, sealed);
        const file = path.join(work, `${kind}.fwbackup`);
        const made = await runScript("scripts/backup.ts", [file], instance.env, 120_000);
        expect(made.code, made.stderr).toBe(0);

        const payload = await payloadOf(file);
        let plain: Buffer;
        if (kind === "pglite") {
          plain = gunzipSync(payload);
        } else {
          const dump = path.join(work, "dump.custom");
          await writeFile(dump, payload);
          plain = execFileSync("pg_restore", ["--data-only", "--file=-", dump]);
        }
        expect(plain.includes(Buffer.from(sealed))).toBe(true);
        const traces = await privateKeyTraces(armored);
        expect(tracesIn(armored, traces)).not.toEqual([]); // the check finds the key where it is
        expect(tracesIn(plain, traces)).toEqual([]);
        expect(made.stdout + made.stderr).not.toContain("PRIVATE");
      } finally {
        await instance.dispose();
      }
    });
  });
}
