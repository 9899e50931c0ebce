import "server-only";
// Tracing a leaked copy: the marks found in a pasted text or an uploaded file (lib/tracing) are resolved by
// recomputing the code of every copy that was ever served — each (notice, recipient organisation) in every form, and
// each member's download of each file — into one Map per call; no table of marks exists. A verbatim re-upload of a
// member's marked file resolves by its SHA-256 too. Only maintainers who passed the second factor may trace; the
// audit event says what was found (organisations and counts), never the text, the file or a code.
import { createHash } from "node:crypto";
import { getDb } from "@/lib/server/db/client";
import { NotFoundError, RateLimitedError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { consumeAttempt } from "@/lib/rate-limit/data";
import { copyCoder, type CopyForm, type CopyIdentity } from "@/lib/tracing/codes";
import { findFileMarks } from "@/lib/tracing/file-marks";
import { findTextMarks } from "@/lib/tracing/text-marks";
import { canTraceLeaks } from "../policy";
import { MAX_ATTACHMENT_BYTES } from "../uploads";
import { downloadIdentity, markableFor, markedCopy } from "./marked-copies";
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
/** A marked file is its original plus one mark's worth of bytes (a line of prose or a comment): at most this much more. */
const MARK_OVERHEAD = 1024;

type Candidate = CopyIdentity & { organisationName: string; reference: string };

type Served = {
  candidates: Map<string, Candidate>;
  attachments: Map<string, { id: string; noticeId: string; reference: string; filename: string; contentType: string; size: number; sha256: string; state: string; siblings: string[] }>;
  downloads: Candidate[];
};

/**
 * Every copy ever served, by code: each recipient row (also of an organisation removed later) in the four
 * per-organisation forms, and per file each member of the organisation (today's members and anyone on record as
 * having downloaded it).
 */
async function servedCopies(): Promise<Served> {
  const db = getDb();
  const [recipients, files, downloadEvents] = await Promise.all([
    // One flat statement: tens of thousands of rows, no per-relation queries.
    db.$queryRaw<Array<{ noticeId: string; organisationId: string; name: string; reference: string }>>`
      SELECT r."noticeId", r."organisationId", o."name", n."reference"
      FROM "NoticeRecipient" r JOIN "Organisation" o ON o."id" = r."organisationId" JOIN "Notice" n ON n."id" = r."noticeId"`,
    db.noticeAttachment.findMany({ where: { notice: { recipients: { some: {} } } }, select: { id: true, noticeId: true, filename: true, contentType: true, size: true, sha256: true, notice: { select: { state: true, reference: true } } } }),
    db.auditEvent.findMany({ where: { action: "notice.attachment-downloaded", targetType: "notice" }, select: { actorId: true, details: true } }),
  ]);
  const code = copyCoder();
  const candidates = new Map<string, Candidate>();
  for (const r of recipients) {
    for (const form of PAGE_FORMS) {
      const copy: Candidate = { form, noticeId: r.noticeId, organisationId: r.organisationId, organisationName: r.name, reference: r.reference };
      candidates.set(code(copy), copy);
    }
  }
  const filesByNotice = new Map<string, typeof files>();
  for (const f of files) filesByNotice.set(f.noticeId, [...(filesByNotice.get(f.noticeId) ?? []), f]);
  const attachments: Served["attachments"] = new Map(
    files.map((f) => [f.id, { ...f, state: f.notice.state, reference: f.notice.reference, siblings: (filesByNotice.get(f.noticeId) ?? []).map((s) => s.filename) }]),
  );
  const withFiles = recipients.filter((r) => filesByNotice.has(r.noticeId));
  const members = withFiles.length
    ? await db.membership.findMany({ where: { organisationId: { in: [...new Set(withFiles.map((r) => r.organisationId))] } }, select: { userId: true, organisationId: true } })
    : [];
  const membersOf = new Map<string, Set<string>>();
  for (const m of members) membersOf.set(m.organisationId, (membersOf.get(m.organisationId) ?? new Set()).add(m.userId));
  const downloaded = new Set<string>();
  for (const e of downloadEvents) {
    const details = e.details as { organisationId?: string; attachmentId?: string };
    if (e.actorId && details.organisationId && details.attachmentId) downloaded.add(JSON.stringify([details.organisationId, e.actorId, details.attachmentId]));
  }
  const downloads: Candidate[] = [];
  const addDownload = (r: (typeof recipients)[number], userId: string, attachmentId: string) => {
    const copy: Candidate = { ...downloadIdentity(r.noticeId, r.organisationId, userId, attachmentId), organisationName: r.name, reference: r.reference };
    const c = code(copy);
    if (!candidates.has(c)) downloads.push(copy);
    candidates.set(c, copy);
  };
  const recipientOf = new Map(recipients.map((r) => [`${r.noticeId}:${r.organisationId}`, r]));
  for (const r of withFiles) for (const f of filesByNotice.get(r.noticeId)!) for (const userId of membersOf.get(r.organisationId) ?? []) addDownload(r, userId, f.id);
  for (const entry of downloaded) {
    const [organisationId, userId, attachmentId] = JSON.parse(entry) as [string, string, string];
    const file = attachments.get(attachmentId);
    const r = file && recipientOf.get(`${file.noticeId}:${organisationId}`);
    if (r) addDownload(r, userId, attachmentId);
  }
  return { candidates, attachments, downloads };
}

/** A member's marked copy of a file, made again to compare its hash with an upload's. */
async function copyHash(served: Served, copy: CopyIdentity): Promise<string | null> {
  const file = copy.attachmentId ? served.attachments.get(copy.attachmentId) : undefined;
  if (!file || file.state !== "EMBARGOED" || !markableFor(file, file.siblings)) return null;
  const row = await getDb().noticeAttachment.findUnique({ where: { id: file.id }, select: { data: true } });
  return row ? markedCopy({ ...file, data: new Uint8Array(row.data) }, copy).sha256 : null;
}

/**
 * A file without an intact mark may still be a member's copy byte for byte (its mark survives in the bytes, so this
 * mostly confirms): the marked copies of embargoed notices' files whose size fits are made again and compared.
 */
async function verbatimCopies(served: Served, sha256: string, size: number): Promise<Candidate[]> {
  const fits = new Set([...served.attachments.values()].filter((f) => f.state === "EMBARGOED" && size > f.size && size <= f.size + MARK_OVERHEAD).map((f) => f.id));
  const found: Candidate[] = [];
  for (const copy of served.downloads) if (fits.has(copy.attachmentId!) && (await copyHash(served, copy)) === sha256) found.push(copy);
  return found;
}

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
  const served = await servedCopies();
  const hits = new Map<Candidate, { marks: number; verbatim: boolean }>();
  let unknownMarks = 0;
  for (const [code, count] of found) {
    const copy = served.candidates.get(code);
    if (copy) hits.set(copy, { marks: count, verbatim: false });
    else unknownMarks += count;
  }
  let original: TraceResult["original"] = null;
  if (file) {
    const sha256 = createHash("sha256").update(file.bytes).digest("hex");
    const same = [...served.attachments.values()].find((f) => f.sha256 === sha256);
    const originalRow = same ? null : await getDb().noticeAttachment.findFirst({ where: { sha256 }, select: { filename: true, notice: { select: { reference: true } } } });
    if (same) original = { reference: same.reference, filename: same.filename };
    else if (originalRow) original = { reference: originalRow.notice.reference, filename: originalRow.filename };
    for (const [copy, hit] of hits) if (copy.form === "download" && (await copyHash(served, copy)) === sha256) hit.verbatim = true;
    if (hits.size === 0 && !original) for (const copy of await verbatimCopies(served, sha256, file.bytes.length)) hits.set(copy, { marks: 0, verbatim: true });
  }

  const userIds = [...new Set([...hits.keys()].flatMap((c) => (c.userId ? [c.userId] : [])))];
  const [users, filenames] = await Promise.all([
    userIds.length ? getDb().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true, name: true } }) : [],
    Promise.resolve(new Map([...served.attachments.values()].map((f) => [f.id, f.filename]))),
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
    candidates: served.candidates.size,
    falseMatchOneIn: Math.floor(2 ** 64 / Math.max(1, served.candidates.size)),
  };
  await recordAudit({
    actor: { id: viewer.userId, email: viewer.email },
    action: "leak.traced",
    ip: request.ip,
    details: { source: file ? "file" : "text", organisationIds, copies: findings.length, marks: findings.reduce((n, f) => n + f.marks, 0), unknownMarks, verbatim: findings.some((f) => f.verbatim), original: !!original },
  });
  return result;
}
