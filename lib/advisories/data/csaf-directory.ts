import "server-only";
// The CSAF provider directory (CSAF 2.0 §7, role csaf_provider): what is published under /.well-known/csaf. Only
// TLP:CLEAR documents of DISCLOSED notices are there (CSAF_DIRECTORY_SCOPE); the TLP:AMBER form stays behind the
// notice's own scope (/advisories/:id/csaf.json), and a withdrawn notice's files leave the directory with it.
//
// Bytes are stable: a document is rendered, hashed and signed once, and the row keeps the exact bytes, hashes and
// signature that are then served. Publication is a job ("csaf.publish") queued in the disclosure transaction itself,
// so it exists if and only if the disclosure commits (durable like the disclosure); the job renders, signs and inserts
// the row. While signing is on but unusable (no active key, key expired or revoked) the job fails and is retried, and
// nothing is published: a document never appears unsigned once the project has a key. The upkeep job
// ("csaf.reconcile", every five minutes) publishes what is missing (notices disclosed before this existed, a publication
// that exhausted its retries), a new version when the public document changed after disclosure (Settings: publisher,
// project name), and signs with the active key what it has not signed (published while signing was off, or signed by
// a key since rotated or revoked).
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { NotFoundError } from "@/lib/server/errors";
import { recordAudit } from "@/lib/audit/data";
import { enqueue, getJobEngine } from "@/lib/jobs/engine";
import { getSigningState, listPublishedKeys, signDetached } from "@/lib/signing/data";
import {
  changesCsv,
  csafContentHash,
  csafDirectoryEntry,
  digests,
  indexTxt,
  providerMetadata,
  PUBLIC_UPDATE_SUMMARY,
  serialiseCsaf,
  withPublicRevisions,
  type ProviderMetadata,
  type PublicRevision,
} from "../formats/csaf-provider";
import { CSAF_DIRECTORY_SCOPE } from "../policy";
import { EXPORT_SELECT, getProjectInfo } from "../source";
import { publicCsafOf } from "./outputs";

/** Listing fields of the latest version of each published document. */
const LISTED = { id: true, noticeId: true, path: true, releasedAt: true, createdAt: true, signedAt: true, signerFingerprint: true } as const;

/** The latest version of every document in the directory (one per disclosed notice that has been published). */
async function latestVersions() {
  return getDb().csafPublication.findMany({
    where: { notice: CSAF_DIRECTORY_SCOPE },
    distinct: ["noticeId"],
    orderBy: [{ noticeId: "asc" }, { version: "desc" }],
    select: LISTED,
  });
}

/** index.txt: every document of the directory. */
export async function getCsafIndex(): Promise<string> {
  return indexTxt((await latestVersions()).map((r) => r.path));
}

/** changes.csv: every document with its current release date, latest first. */
export async function getCsafChanges(): Promise<string> {
  return changesCsv((await latestVersions()).map((r) => ({ path: r.path, releasedAt: r.releasedAt.toISOString() })));
}

/** Every document path, or one year folder's, for the directory listings (an empty or malformed year: not found). */
export async function listCsafDirectory(year?: string): Promise<string[]> {
  const paths = (await latestVersions()).map((r) => r.path).filter((p) => year === undefined || p.startsWith(`${year}/`));
  if (year !== undefined && paths.length === 0) throw new NotFoundError();
  return paths.sort();
}

export type PublishedFile = { body: string; sha256: string; sha512: string; signature: string | null; lastModified: Date };

/** A document of the directory by its path ("2026/fw-2026-0001.json"): its latest version, or not found. */
export async function getCsafDirectoryFile(path: string): Promise<PublishedFile> {
  const row = await getDb().csafPublication.findFirst({
    where: { path, notice: CSAF_DIRECTORY_SCOPE },
    orderBy: { version: "desc" },
    select: { body: true, sha256: true, sha512: true, signature: true, createdAt: true, signedAt: true },
  });
  if (!row) throw new NotFoundError();
  return { body: row.body, sha256: row.sha256, sha512: row.sha512, signature: row.signature, lastModified: row.signedAt ?? row.createdAt };
}

/**
 * provider-metadata.json, with the published keys (none while signing is off). last_updated: its last publication or
 * the last change of Settings (the publisher), whichever is later; a fixed date before either.
 */
export async function getProviderMetadata(): Promise<ProviderMetadata> {
  const [rows, keys, project, settings] = await Promise.all([latestVersions(), listPublishedKeys(), getProjectInfo(), getDb().projectSettings.findFirst({ select: { updatedAt: true } })]);
  const times = [0, settings?.updatedAt.getTime() ?? 0, ...rows.map((r) => Math.max(r.createdAt.getTime(), r.signedAt?.getTime() ?? 0))];
  return providerMetadata(project, { lastUpdated: new Date(Math.max(...times)), keys });
}

/** A published public key by fingerprint (the provider metadata's key URLs), or not found. */
export async function getPublishedKey(fingerprint: string): Promise<string> {
  const key = (await listPublishedKeys()).find((k) => k.fingerprint.toUpperCase() === fingerprint);
  if (!key) throw new NotFoundError();
  return key.publicKey;
}

/**
 * For the disclosure transaction: queues the publication of the notice's CSAF document in it (the job exists if and
 * only if the disclosure commits). Call before opening the transaction: the job engine must be started.
 */
export async function prepareCsafPublication(noticeId: string): Promise<{ write(tx: Prisma.TransactionClient): Promise<void> }> {
  const boss = await getJobEngine();
  return { write: (tx) => enqueue(boss, tx, "csaf.publish", [{ data: { noticeId } }]) };
}

export type PublishOutcome = "published" | "unchanged" | "not-public";

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

/**
 * The "csaf.publish" job (and the upkeep's work per notice): renders the notice's public document; when it differs
 * from the latest published version (or none exists) a new version is signed and stored. Idempotent: two workers at
 * once insert the same version once (the other gives way on the unique key). Throws SigningUnavailableError while
 * signing is on but unusable: the job is retried, and nothing is published unsigned.
 */
export async function publishCsafDocument(noticeId: string, now = new Date()): Promise<PublishOutcome> {
  const db = getDb();
  const notice = await db.notice.findFirst({ where: { id: noticeId, ...CSAF_DIRECTORY_SCOPE }, select: EXPORT_SELECT });
  if (!notice) return "not-public";
  const latest = await db.csafPublication.findFirst({ where: { noticeId }, orderBy: { version: "desc" }, select: { version: true, contentHash: true, publicRevisions: true } });
  const base = publicCsafOf(await getProjectInfo(), notice, now);
  const contentHash = csafContentHash(base);
  if (latest?.contentHash === contentHash) return "unchanged";
  // Changed after a first publication: the notice itself no longer changes once disclosed, so this is the publisher's
  // or the project's details — a public revision of the document, with its own version.
  const revisions = (latest?.publicRevisions ?? []) as PublicRevision[];
  const publicRevisions = latest ? [...revisions, { date: now.toISOString(), summary: PUBLIC_UPDATE_SUMMARY }] : [];
  const doc = withPublicRevisions(base, publicRevisions);
  const body = serialiseCsaf(doc);
  const signature = await signDetached(body);
  const { fingerprint } = await getSigningState();
  const version = Number(doc.document.tracking.version);
  if (latest && version <= latest.version) throw new Error(`CSAF document of ${notice.reference}: version ${version} would not follow ${latest.version}.`);
  try {
    await db.$transaction(async (tx) => {
      await tx.csafPublication.create({
        data: {
          noticeId,
          version,
          path: csafDirectoryEntry(doc),
          releasedAt: new Date(doc.document.tracking.current_release_date),
          contentHash,
          publicRevisions,
          body,
          ...digests(body),
          signature,
          signerFingerprint: signature ? fingerprint : null,
          signedAt: signature ? now : null,
        },
      });
      await recordAudit({ actor: null, action: "notice.csaf-published", target: { type: "notice", id: noticeId }, details: { reference: notice.reference, version, signed: signature !== null } }, tx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "unchanged";
    throw error;
  }
  return "published";
}

/**
 * The "csaf.reconcile" upkeep: publishes every disclosed notice that has no version yet or changed since its latest
 * (the notice, or Settings, updated after it), and signs what the active key has not signed (signWithActiveKey).
 * One notice failing does not stop the others; the count of failures is returned.
 */
export async function reconcileCsafDirectory(now = new Date()): Promise<{ published: number; signed: number; failed: number }> {
  const db = getDb();
  const [notices, latest, settings] = await Promise.all([
    db.notice.findMany({ where: CSAF_DIRECTORY_SCOPE, select: { id: true, updatedAt: true } }),
    latestVersions(),
    db.projectSettings.findFirst({ select: { updatedAt: true } }),
  ]);
  const byNotice = new Map(latest.map((r) => [r.noticeId, r]));
  let published = 0;
  let failed = 0;
  for (const n of notices) {
    const row = byNotice.get(n.id);
    const changedSince = Math.max(n.updatedAt.getTime(), settings?.updatedAt.getTime() ?? 0);
    if (row && row.createdAt.getTime() >= changedSince) continue;
    try {
      if ((await publishCsafDocument(n.id, now)) === "published") published += 1;
    } catch (error) {
      failed += 1;
      console.warn(`[csaf] notice ${n.id} not published: ${error instanceof Error ? error.message : "unknown error"}`);
    }
  }
  const signed = await signWithActiveKey(now).catch((error: unknown) => {
    console.warn(`[csaf] unsigned documents not signed: ${error instanceof Error ? error.message : "unknown error"}`);
    return 0;
  });
  return { published, signed, failed };
}

/**
 * The served versions not signed by the active key get its signature: those published while the project had no key,
 * and those signed by a key since rotated or revoked (a verifier fetching today's keys from the provider metadata
 * finds the one that signed, even after the old key's overlap ended). The bytes stay as they were, and so do their
 * hashes: only the .asc changes. Nothing happens while signing is off or unusable.
 */
async function signWithActiveKey(now: Date): Promise<number> {
  const state = await getSigningState();
  if (!state.on || state.problem || !state.fingerprint) return 0;
  const active = state.fingerprint;
  const stale = (await latestVersions()).filter((r) => r.signerFingerprint !== active);
  let signed = 0;
  for (const { id } of stale) {
    const row = await getDb().csafPublication.findUnique({ where: { id }, select: { body: true, signerFingerprint: true } });
    if (!row) continue;
    const signature = await signDetached(row.body);
    if (!signature) break;
    // Only if no one else signed it meanwhile (two upkeeps at once sign each version once).
    const { count } = await getDb().csafPublication.updateMany({ where: { id, signerFingerprint: row.signerFingerprint }, data: { signature, signerFingerprint: active, signedAt: now } });
    signed += count;
  }
  return signed;
}
