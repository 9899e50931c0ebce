import "server-only";
// Editing a notice under embargo: a numbered revision with a change note and every changed field (old → new), and
// the recipients are told (link only). The disclosure time has its own path (changeDisclosureDate); the audience is
// frozen at sending.
import { getDb } from "@/lib/server/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { sameJson } from "../canonical-json";
import { actionAllowed } from "../policy";
import type { NoticeDraftInput } from "../schemas";
import { noticeColumns, STALE_EDIT } from "./drafts";
import { actor, lockNotice, manager, refuseRecipientNames } from "./shared";
import { prepareNotification } from "./notifications";
import { syncPreAnnouncement } from "./pre-announcement";

export const REVISABLE = ["title", "summary", "description", "remediation", "detection", "mitigation", "workaround", "affectedPackages", "references", "affectedVersions", "fixedVersions", "cveIds", "relatedCveIds", "cwe", "cvssVector", "cvssScore", "severity", "deployBeforeDisclosure", "patchEmbargoed", "embargoNotes", "reporterCredit", "reporterOptOut"] as const;
type Field = (typeof REVISABLE)[number];

function proposed(input: NoticeDraftInput): Record<Field, unknown> {
  const columns: Record<string, unknown> = noticeColumns(input);
  return Object.fromEntries(REVISABLE.map((field) => [field, columns[field]])) as Record<Field, unknown>;
}

/** The fields that differ, as { field: [old, new] }; stored JSON (ranges, links) compared as data, not as text. */
export function changedFields(current: Record<Field, unknown>, next: Record<Field, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const field of REVISABLE) {
    if (!sameJson(current[field], next[field])) out[field] = [current[field] ?? null, next[field] ?? null];
  }
  return out;
}

export async function reviseNotice(
  viewer: Viewer,
  input: { noticeId: string; changeNote: string; fields: NoticeDraftInput; expectedUpdatedAt?: Date | undefined },
  request: RequestInfo,
): Promise<{ revision: number; changed: string[] }> {
  const me = manager(viewer);
  const db = getDb();
  const select = Object.fromEntries([...REVISABLE, "id", "reference", "disclosureAt", "state"].map((k) => [k, true])) as Record<Field | "id" | "reference" | "disclosureAt" | "state", true>;
  const current = await db.notice.findUnique({ where: { id: input.noticeId }, select });
  if (!current) throw new NotFoundError();
  if (!actionAllowed(current.state, "revise")) throw new ConflictError("Only an embargoed notice is revised; edit a draft directly.");
  const changes = changedFields(current as unknown as Record<Field, unknown>, proposed(input.fields));
  if (Object.keys(changes).length === 0) throw new ValidationError("Nothing changed: edit a field, then save the revision.");
  await refuseRecipientNames(db, current.id, { changeNote: input.changeNote });
  const notification = await prepareNotification(current, "revised", me.userId);
  const revision = await db.$transaction(async (tx) => {
    const locked = await lockNotice(tx, current.id);
    if (locked?.state !== "EMBARGOED") throw new ConflictError("This notice is no longer embargoed.");
    if (input.expectedUpdatedAt && locked.updatedAt.getTime() !== input.expectedUpdatedAt.getTime()) throw new ConflictError(STALE_EDIT);
    const next = proposed(input.fields);
    const data = Object.fromEntries(Object.keys(changes).map((k) => [k, next[k as Field]]));
    const { revision } = await tx.notice.update({ where: { id: current.id }, data: { ...data, revision: { increment: 1 } }, select: { revision: true } });
    await tx.noticeRevision.create({ data: { noticeId: current.id, number: revision, changeNote: input.changeNote, changes: changes as never, createdById: me.userId } });
    await notification.write(tx);
    // A new rating changes a public pre-announcement's severity (nothing else of a revision ever reaches it).
    await syncPreAnnouncement(tx, current.id);
    await recordAudit({ actor: actor(me), action: "notice.revised", target: { type: "notice", id: current.id }, ip: request.ip, details: { reference: current.reference, revision, fields: Object.keys(changes) } }, tx);
    return revision;
  });
  return { revision, changed: Object.keys(changes) };
}
