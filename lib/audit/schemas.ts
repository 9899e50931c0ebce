import { z } from "zod";

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
  "directory.maintainer.invited",
  "directory.maintainer.removed",
  "directory.exported",
  "directory.imported",
  "audit.exported",
  "settings.updated",
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
  "notice.announcement-edited",
  "notice.checklist-updated",
  "notice.tracking-exported",
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
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditFilterSchema = z
  .object({
    action: z.enum(AUDIT_ACTIONS).optional(),
    actor: z.string().trim().max(200).optional(),
    target: z.string().trim().max(200).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    before: z.coerce.bigint().positive().optional(),
  })
  .strict();

export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;
