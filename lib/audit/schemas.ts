import { z } from "zod";
import { withoutNul } from "@/lib/text/invisible-characters";

/** Every action the audit log knows. Adding one here is how a new kind of event is introduced. */
export const AUDIT_ACTIONS = [
  "auth.link.requested",
  "auth.link.refused",
  "auth.sign-in",
  "auth.sign-in.failed",
  "auth.sign-out",
  "auth.session.ended",
  "auth.totp.enrolled",
  "auth.totp.verified",
  "auth.totp.failed",
  "auth.totp.reset",
  "auth.recovery-code.used",
  "auth.recovery-codes.regenerated",
  "auth.rate-limited",
  "auth.maintainer.bootstrapped",
  "directory.organisation.created",
  "directory.organisation.updated",
  "directory.organisation.status-changed",
  "directory.organisation.key-changed",
  "directory.member.invited",
  "directory.member.invitation-resent",
  "directory.member.status-changed",
  "directory.member.admin-changed",
  "directory.member.approved",
  "directory.member.declined",
  "directory.colleague.invited",
  "directory.colleague.invite-refused",
  "directory.colleague.status-changed",
  "directory.maintainer.invited",
  "directory.maintainer.removed",
  "directory.exported",
  "directory.imported",
  "directory.invitations.sent",
  "audit.exported",
  "settings.updated",
  // The project's OpenPGP key (lib/signing): fingerprints only, never key material.
  "signing.key-generated",
  "signing.key-imported",
  "signing.key-revoked",
  // The two-person rule (lib/approvals): every event of one request carries its id in details.requestId.
  "approval.requested",
  "approval.approved",
  "approval.declined",
  "approval.executed",
  "approval.failed",
  "approval.void",
  "approval.expired",
  "approval.break-glass",
  // An approved request's result taken by its requester (the directory export: downloaded once); a request whose
  // execution never finished (the server stopped while it ran), closed by the sweep.
  "approval.collected",
  "approval.interrupted",
  "approval.settings-updated",
  "audit.verified",
  "mail.dispatch.retried",
  "notice.created",
  "notice.updated",
  "notice.sent",
  "notice.revised",
  "notice.date-changed",
  "notice.disclosed",
  "notice.withdrawn",
  "notice.viewed",
  "notice.terms-accepted",
  "notice.acknowledged",
  "notice.acknowledge-refused",
  "notice.status-updated",
  "notice.message-posted",
  "notice.reminded",
  "notice.attachment-added",
  "notice.attachment-published",
  "notice.attachment-unpublished",
  "notice.attachment-removed",
  "notice.attachment-downloaded",
  "notice.csaf-downloaded",
  // A maintainer traced a leaked copy: the organisations it named and counts only, never the text, file or a mark.
  "leak.traced",
  "notice.csaf-published",
  "notice.cve-record-downloaded",
  "notice.announcement-edited",
  // The public pre-announcement (date, severity, version range): its published words are public, and in the details.
  "notice.pre-announced",
  "notice.pre-announcement-updated",
  "notice.checklist-updated",
  "notice.audience-changed",
  "notice.tracking-exported",
  "notice.recipient-added",
  "notice.recipient-removed",
  // The reporter is told what became of the notice their report was accepted into (lib/reports/data/notify.ts).
  "report.told-date-set",
  "report.told-date-changed",
  "report.told-embargo-ended",
  "report.told-withdrawn",
  "report.told-disclosed",
  "report.credit-synced",
  "jobs.job.retried",
  "api.token.created",
  "api.token.revoked",
  "api.token.used",
  "api.token.refused",
  "api.rate-limited",
  "calendar.feed.created",
  "calendar.feed.rotated",
  "calendar.feed.deleted",
  "calendar.feed.fetched",
  "report.message-posted",
  "report.credit-changed",
  // Report intake (issue 13): ids and the reference only, never the report's content.
  "report.submitted",
  "report.confirmed",
  "report.deleted-unconfirmed",
  "report.rate-limited",
  // The maintainers' intake queue (ids, references and statuses only: never a report's content).
  "report.acknowledged",
  "report.replied",
  "report.accepted",
  "report.declined",
  "report.marked-duplicate",
  "report.marked-fixed",
  "report.entered-by-maintainer",
  "report.attachment-downloaded",
  "report.reminder-sent",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditFilterSchema = z
  .object({
    action: z.enum(AUDIT_ACTIONS).optional(),
    actor: z.string().trim().max(200).transform(withoutNul).optional(),
    target: z.string().trim().max(200).transform(withoutNul).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    before: z.coerce.bigint().positive().optional(),
  })
  .strict();

export type AuditFilter = z.infer<typeof AuditFilterSchema>;

/** A date range to archive: whole UTC days, both ends included. */
export const AuditArchiveRangeSchema = z
  .object({ from: z.iso.date({ error: "from: a date (YYYY-MM-DD) is required" }), to: z.iso.date({ error: "to: a date (YYYY-MM-DD) is required" }) })
  .strict()
  .refine((r) => r.from <= r.to, { message: "from must not be after to", path: ["to"] });

export type AuditArchiveRange = z.infer<typeof AuditArchiveRangeSchema>;

export const AUDIT_PAGE_SIZE = 50;
