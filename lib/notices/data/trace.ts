import "server-only";
// Tracing a leaked copy: the marks found in a pasted text or an uploaded file (lib/tracing) are resolved by
// recomputing the code of every copy that was ever served — each (notice, recipient organisation) in every form, and
// each member's download of each file — and keeping only the matches; no table of marks exists. A verbatim re-upload
// of a member's marked file resolves by its SHA-256 too (each download's audit event records the served copy's hash). Only maintainers who passed the second factor may trace; the
// audit event says what was found (organisations and counts), never the text, the file or a code.
import { createHash } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { NotFoundError, RateLimitedError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { consumeAttempt } from "@/lib/rate-limit/data";
import { copyCode, copyCoder, type CopyForm, type CopyIdentity } from "@/lib/tracing/codes";
import { findFileMarks } from "@/lib/tracing/file-marks";
import { findTextMarks } from "@/lib/tracing/text-marks";
import { canTraceLeaks } from "../policy";
import { MAX_ATTACHMENT_BYTES } from "../uploads";
import { downloadIdentity } from "./marked-copies";
import { copyEvents, type CopyEvent } from "./trace-events";

export type TraceFinding = {
  form: CopyForm;
  organisation: { id: string; name: string };
  member: { id: string; email: string; name: string | null } | null;
  notice: { id: string; reference: string };
  attachment: { id: string; filename: string } | null;
  /** Intact marks of this copy found in what was submitted. */
  marks: number;
  /** The uploaded file is this copy byte for byte. */
  verbatim: boolean;
  events: CopyEvent[];
};

export type TraceResult = {
  findings: TraceFinding[];
  /** Intact marks whose code is no copy this instance ever served. */
  unknownMarks: number;
  /** Marks of more than one organisation: a text put together from several copies. */
  mixed: boolean;
  /** The upload is an original (unmarked) file of a notice: as maintainers and, once disclosed, the public get it. */
  original: { reference: string; filename: string } | null;
  /** Copies compared, and the odds that one intact mark names a copy by chance (about 1 in …). */
  candidates: number;
  falseMatchOneIn: number;
};

const PAGE_FORMS: readonly CopyForm[] = ["page", "email", "api", "csaf"];
/** Candidates compared between two yields to the event loop: a trace among many organisations never stalls the server. */
const YIELD_EVERY = 5_000;

type Candidate = CopyIdentity & { organisationName: string; reference: string };

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Recipient rows (also of organisations removed later) with their organisation's name and the notice's reference, of
 * every notice or of these: one flat statement, however many rows, no per-relation queries.
 */
function recipientRows(noticeIds?: string[]) {
  const only = noticeIds ? Prisma.sql`WHERE r."noticeId" IN (${Prisma.join(noticeIds)})` : Prisma.empty;
  return getDb().$queryRaw<Array<{ noticeId: string; organisationId: string; name: string; reference: string }>>`
    SELECT r."noticeId", r."organisationId", o."name", n."reference"
    FROM "NoticeRecipient" r JOIN "Organisation" o ON o."id" = r."organisationId" JOIN "Notice" n ON n."id" = r."noticeId"
    ${only}`;
}

/**
 * The served copies whose code is one of `found`, among every copy ever served: each recipient row (also of an
 * organisation removed later) in the four per-organisation forms, and per file each member of the organisation
 * (today's members and anyone on record as having downloaded it). Codes are recomputed and compared one by one; only
 * the matches are kept, so memory stays flat however many copies were served, and the loop yields now and then.
 */
async function matchServedCopies(found: ReadonlySet<string>): Promise<{ matches: Candidate[]; candidates: number }> {
  const db = getDb();
  const [recipients, files, downloadEvents] = await Promise.all([
    recipientRows(),
    db.noticeAttachment.findMany({ where: { notice: { recipients: { some: {} } } }, select: { id: true, noticeId: true } }),
    db.auditEvent.findMany({ where: { action: "notice.attachment-downloaded", targetType: "notice" }, select: { actorId: true, details: true } }),
  ]);
  const code = copyCoder();
  const matches: Candidate[] = [];
  let candidates = 0;
  const consider = async (copy: Candidate) => {
    candidates += 1;
    if (found.has(code(copy))) matches.push(copy);
    if (candidates % YIELD_EVERY === 0) await yieldToEventLoop();
  };
  for (const r of recipients) for (const form of PAGE_FORMS) await consider({ form, noticeId: r.noticeId, organisationId: r.organisationId, organisationName: r.name, reference: r.reference });

  const filesOf = new Map<string, string[]>();
  for (const f of files) filesOf.set(f.noticeId, [...(filesOf.get(f.noticeId) ?? []), f.id]);
  const withFiles = recipients.filter((r) => filesOf.has(r.noticeId));
  const members = withFiles.length
    ? await db.membership.findMany({ where: { organisationId: { in: [...new Set(withFiles.map((r) => r.organisationId))] } }, select: { userId: true, organisationId: true } })
    : [];
  const membersOf = new Map<string, Set<string>>();
  for (const m of members) membersOf.set(m.organisationId, (membersOf.get(m.organisationId) ?? new Set()).add(m.userId));
  for (const e of downloadEvents) {
    const details = e.details as { organisationId?: string; attachmentId?: string };
    // Former members who downloaded: their copies count too (once each, below).
    if (e.actorId && details.organisationId && details.attachmentId) membersOf.set(details.organisationId, (membersOf.get(details.organisationId) ?? new Set()).add(e.actorId));
  }
  for (const r of withFiles) {
    for (const attachmentId of filesOf.get(r.noticeId)!) {
      // The organisation's copy attached to its encrypted email (when it asked for the files so).
      await consider({ form: "email", noticeId: r.noticeId, organisationId: r.organisationId, attachmentId, organisationName: r.name, reference: r.reference });
      for (const userId of membersOf.get(r.organisationId) ?? []) await consider({ ...downloadIdentity(r.noticeId, r.organisationId, userId, attachmentId), organisationName: r.name, reference: r.reference });
    }
  }
  return { matches, candidates };
}

/**
 * Members' downloads whose served copy was exactly these bytes: each download's audit event records the SHA-256 of
 * the copy it served, so a verbatim re-upload is found by its hash without making any copy again.
 */
async function downloadsServing(sha256: string): Promise<Candidate[]> {
  const events = await getDb().auditEvent.findMany({
    where: { action: "notice.attachment-downloaded", targetType: "notice", details: { path: ["servedSha256"], equals: sha256 } },
    select: { actorId: true, targetId: true, details: true },
    take: 100,
  });
  const copies = new Map<string, CopyIdentity>();
  for (const e of events) {
    const details = e.details as { organisationId?: string; attachmentId?: string };
    if (!e.actorId || !e.targetId || !details.organisationId || !details.attachmentId) continue;
    const copy = downloadIdentity(e.targetId, details.organisationId, e.actorId, details.attachmentId);
    copies.set(JSON.stringify(copy), copy);
  }
  if (copies.size === 0) return [];
  const names = await recipientRows([...new Set([...copies.values()].map((c) => c.noticeId))]);
  const of = new Map(names.map((n) => [`${n.noticeId}:${n.organisationId}`, n]));
  return [...copies.values()].flatMap((c) => {
    const r = of.get(`${c.noticeId}:${c.organisationId}`);
    return r ? [{ ...c, organisationName: r.name, reference: r.reference }] : [];
  });
}

const sameCopy = (a: CopyIdentity, b: CopyIdentity) => a.form === b.form && a.noticeId === b.noticeId && a.organisationId === b.organisationId && a.userId === b.userId && a.attachmentId === b.attachmentId;

export async function traceCopy(viewer: Viewer, input: { text?: string; file?: { filename: string; bytes: Uint8Array } }, request: RequestInfo): Promise<TraceResult> {
  if (!canTraceLeaks(viewer) || viewer.kind !== "maintainer") throw new NotFoundError();
  const text = input.text?.trim() ? input.text : undefined;
  const file = input.file && input.file.bytes.length > 0 ? input.file : undefined;
  if (!text && !file) throw new ValidationError("Paste the text or choose the file you found.", { text: ["Paste a text or choose a file."] });
  if (file && file.bytes.length > MAX_ATTACHMENT_BYTES) throw new ValidationError(`The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`, { file: ["Too large."] });
  if (text && text.length > MAX_ATTACHMENT_BYTES) throw new ValidationError("The text is too long.", { text: ["Too long."] });
  const budget = await consumeAttempt([["leakTracesPerUser", viewer.userId]]);
  if (!budget.allowed) throw new RateLimitedError(budget.retryAfterSeconds);

  const found = new Map<string, number>();
  for (const { code, count } of [...(text ? findTextMarks(text) : []), ...(file ? findFileMarks(file.bytes) : [])]) found.set(code, (found.get(code) ?? 0) + count);
  const { matches, candidates } = found.size > 0 ? await matchServedCopies(new Set(found.keys())) : { matches: [], candidates: 0 };
  const hits = new Map<Candidate, { marks: number; verbatim: boolean }>();
  for (const copy of matches) hits.set(copy, { marks: found.get(copyCode(copy)) ?? 0, verbatim: false });
  const unknownMarks = [...found].filter(([code]) => !matches.some((copy) => copyCode(copy) === code)).reduce((n, [, count]) => n + count, 0);
  let original: TraceResult["original"] = null;
  if (file) {
    const sha256 = createHash("sha256").update(file.bytes).digest("hex");
    const originalRow = await getDb().noticeAttachment.findFirst({ where: { sha256 }, select: { filename: true, notice: { select: { reference: true } } } });
    if (originalRow) original = { reference: originalRow.notice.reference, filename: originalRow.filename };
    const served = original ? [] : await downloadsServing(sha256);
    for (const copy of served) {
      const hit = [...hits].find(([c]) => sameCopy(c, copy));
      if (hit) hit[1].verbatim = true;
      else hits.set(copy, { marks: 0, verbatim: true });
    }
  }

  const userIds = [...new Set([...hits.keys()].flatMap((c) => (c.userId ? [c.userId] : [])))];
  const [users, filenames] = await Promise.all([
    userIds.length ? getDb().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true, name: true } }) : [],
    getDb()
      .noticeAttachment.findMany({ where: { id: { in: [...new Set([...hits.keys()].flatMap((c) => (c.attachmentId ? [c.attachmentId] : [])))] } }, select: { id: true, filename: true } })
      .then((rows) => new Map(rows.map((f) => [f.id, f.filename]))),
  ]);
  const people = new Map(users.map((u) => [u.id, u]));
  const findings: TraceFinding[] = [];
  for (const [copy, hit] of [...hits].sort((a, b) => b[1].marks - a[1].marks)) {
    findings.push({
      form: copy.form,
      organisation: { id: copy.organisationId, name: copy.organisationName },
      member: copy.userId ? (people.get(copy.userId) ?? { id: copy.userId, email: "(a former member)", name: null }) : null,
      notice: { id: copy.noticeId, reference: copy.reference },
      attachment: copy.attachmentId ? { id: copy.attachmentId, filename: filenames.get(copy.attachmentId) ?? "(removed file)" } : null,
      ...hit,
      events: await copyEvents(copy),
    });
  }
  const organisationIds = [...new Set(findings.map((f) => f.organisation.id))];
  const result: TraceResult = {
    findings,
    unknownMarks,
    mixed: organisationIds.length > 1,
    original,
    candidates,
    falseMatchOneIn: Math.floor(2 ** 64 / Math.max(1, candidates)),
  };
  await recordAudit({
    actor: { id: viewer.userId, email: viewer.email },
    action: "leak.traced",
    ip: request.ip,
    details: { source: file ? "file" : "text", organisationIds, copies: findings.length, marks: findings.reduce((n, f) => n + f.marks, 0), unknownMarks, verbatim: findings.some((f) => f.verbatim), original: !!original },
  });
  return result;
}
