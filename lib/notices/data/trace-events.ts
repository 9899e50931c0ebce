import "server-only";
// The audit events of one served copy, for a trace's answer: when and from which address it was viewed, downloaded or
// fetched. Page views and CSAF downloads name the notice and the organisation; a download also the member and file;
// API reads name the organisation and the route only (not the notice), so they are listed as the organisation's
// reads of single notices since it was addressed; an email copy's events are the send and the organisation's addition.
import { getDb } from "@/lib/server/db/client";
import type { CopyIdentity } from "@/lib/tracing/codes";

export type CopyEvent = { action: string; at: Date; ip: string | null; actor: string | null };

const LIMIT = 50;

function where(copy: CopyIdentity): Record<string, unknown> {
  const onNotice = { targetType: "notice", targetId: copy.noticeId };
  const ofOrganisation = { details: { path: ["organisationId"], equals: copy.organisationId } };
  switch (copy.form) {
    case "page":
      return { ...onNotice, ...ofOrganisation, action: "notice.viewed" };
    case "csaf":
      return { ...onNotice, ...ofOrganisation, action: "notice.csaf-downloaded" };
    case "download":
      return { ...onNotice, action: "notice.attachment-downloaded", actorId: copy.userId, details: { path: ["attachmentId"], equals: copy.attachmentId } };
    case "api":
      return { action: "api.token.used", AND: [ofOrganisation, { details: { path: ["route"], string_starts_with: "GET /api/v1/notices/:id" } }] };
    case "email":
      return { ...onNotice, OR: [{ action: "notice.sent" }, { action: "notice.recipient-added", ...ofOrganisation }] };
  }
}

export async function copyEvents(copy: CopyIdentity): Promise<CopyEvent[]> {
  const rows = await getDb().auditEvent.findMany({ where: where(copy), orderBy: { seq: "desc" }, take: LIMIT, select: { action: true, occurredAt: true, ipAddress: true, actorEmail: true } });
  return rows.map((r) => ({ action: r.action, at: r.occurredAt, ip: r.ipAddress, actor: r.actorEmail }));
}
