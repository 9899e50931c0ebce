// A whole Forewarn instance on disk for the backup tests: a PGlite data directory (copied from the suite's migrated
// one) or a PostgreSQL database (cloned from the suite's template), opened only while a test reads or writes it
// so that the backup and restore scripts can take it in between. Data is made through the real data functions.
import { createHash, randomBytes } from "node:crypto";
import { cp, rm } from "node:fs/promises";
import path from "node:path";
import { inject } from "vitest";
// Aliased: the React hooks lint rule takes any use* name for a hook.
import { createPrismaClient, useDbForTests as setTestDb, type Db } from "@/lib/server/db/client";
import { createAdapterFactory, createPgliteAdapterFactory } from "@/lib/server/db/adapter";
import { pgliteConfig, readDatabaseConfig } from "@/lib/server/db/config";
import { closePglite, openPglite } from "@/lib/server/db/pglite";
import { getJobEngine, stopJobEngine } from "@/lib/jobs/engine";
import { createOrganisation } from "@/lib/directory/data";
import { addAttachment, createNoticeDraft } from "@/lib/notices/data";
import { NoticeDraftSchema } from "@/lib/notices/schemas";
import { verifyAuditChain } from "@/lib/audit/data";
import { maintainer } from "./viewers";
import { createDatabase, dropDatabase, urlFor } from "./postgres";
import type { DatabaseKind } from "./db";

export type Instance = {
  kind: DatabaseKind;
  dataDir: string;
  /** Environment for the project's scripts: this instance, and no NEXTAUTH_SECRET (the generated secret is used). */
  env: Record<string, string | undefined>;
  dispose(): Promise<void>;
};

let counter = 0;

export async function createInstance(kind: DatabaseKind, work: string): Promise<Instance> {
  const dataDir = path.join(work, `data-${kind}`);
  if (kind === "pglite") {
    await cp(inject("pgliteMigratedDir"), dataDir, { recursive: true });
    return { kind, dataDir, env: { FOREWARN_DATA_DIR: dataDir, NEXTAUTH_SECRET: undefined }, dispose: async () => undefined };
  }
  const name = `forewarn_t_${inject("runId")}_fw_backup_${process.pid}_${++counter}`;
  await createDatabase(name, inject("pgTemplate"));
  return { kind, dataDir, env: { DATABASE_URL: urlFor(name), FOREWARN_DATA_DIR: dataDir, NEXTAUTH_SECRET: undefined }, dispose: () => dropDatabase(name) };
}

/** Opens the instance in this process for the duration of `work` (PGlite: takes and gives back the lock). */
export async function withInstance<T>(instance: Instance, work: (client: Db) => Promise<T>): Promise<T> {
  const config = pgliteConfig(instance.dataDir);
  const url = instance.env.DATABASE_URL;
  const pglite = instance.kind === "pglite" ? await openPglite(config) : undefined;
  const factory = pglite ? createPgliteAdapterFactory(pglite) : createAdapterFactory(readDatabaseConfig({ DATABASE_URL: url }), { pool: { max: 2 } });
  const client = createPrismaClient(factory);
  setTestDb({ client, kind: instance.kind, pglite, url });
  try {
    return await work(client);
  } finally {
    await stopJobEngine(1_000);
    setTestDb(undefined);
    await client.$disconnect();
    if (pglite) await closePglite(config.pgliteDir);
  }
}

const request = { ip: "192.0.2.80", userAgent: "vitest" };

async function theMaintainer(client: Db) {
  const user = await client.user.upsert({ where: { email: "m@project.example" }, create: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" }, update: {} });
  return maintainer(user);
}

/** Organisations, a notice with a binary attachment, their audit events, and pg-boss's schema with its queues. */
export async function seed(client: Db): Promise<void> {
  const m = await theMaintainer(client);
  await getJobEngine(); // creates the pgboss schema, its queues and schedules, as the portal's first start does
  await createOrganisation(m, { name: "Acme", roleAddress: "security@acme.example", notes: "private note" }, request);
  await createOrganisation(m, { name: "Globex", roleAddress: null, notes: "" }, request);
  const notice = await createNoticeDraft(m, NoticeDraftSchema.parse({ title: "Heap overflow in parse_header()", description: "Embargoed details", disclosureAt: new Date(Date.now() + 5 * 86_400_000).toISOString() }), request);
  // Every byte value, then random bytes: the file must come back byte for byte.
  const bytes = Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(200_000)]);
  await addAttachment(m, { noticeId: notice.id, filename: "fix.tar.gz", bytes, public: false }, request);
}

/** Something else on top: the state a restore without --force must leave alone. */
export async function alter(client: Db): Promise<void> {
  const m = await theMaintainer(client);
  if (!(await client.organisation.findFirst({ where: { name: "Initech" } }))) await createOrganisation(m, { name: "Initech", roleAddress: null, notes: "" }, request);
  await client.noticeAttachment.deleteMany({});
}

/** What a person would check after a restore, including the attachment's bytes and the audit chain. */
export async function snapshot(client: Db) {
  const m = await theMaintainer(client);
  const attachments = await client.noticeAttachment.findMany({ orderBy: { filename: "asc" }, select: { filename: true, sha256: true, size: true, data: true } });
  const queues = await client.$queryRawUnsafe<Array<{ name: string }>>(`SELECT name FROM pgboss.queue ORDER BY name`).catch(() => null);
  return {
    organisations: await client.organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, notes: true, roleAddress: true } }),
    notices: await client.notice.findMany({ select: { id: true, reference: true, title: true, description: true } }),
    attachments: attachments.map(({ data, ...rest }) => ({ ...rest, bytesSha256: createHash("sha256").update(data).digest("hex") })),
    audit: {
      events: await client.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true, action: true, hash: true } }),
      chain: await verifyAuditChain(m),
    },
    queues,
  };
}

/** Leaves nothing of the database: PGlite's directory removed, PostgreSQL's schemas dropped. */
export async function wipe(instance: Instance): Promise<void> {
  await rm(path.join(instance.dataDir, "instance-secret"), { force: true });
  if (instance.kind === "pglite") {
    await rm(path.join(instance.dataDir, "pglite"), { recursive: true, force: true });
    return;
  }
  await withInstance(instance, async (client) => {
    await client.$executeRawUnsafe("DROP SCHEMA IF EXISTS pgboss CASCADE");
    await client.$executeRawUnsafe("DROP SCHEMA public CASCADE");
  });
}
