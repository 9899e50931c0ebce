// The two-person rule's inputs: deciding a request, the "why" a covered action is filed with, the rule's settings,
// and the stored parameters of each covered action (JSON as kept in ApprovalRequest.params: dates as ISO strings).
import { z } from "zod";
import { APPROVAL_KINDS } from "./policy";

const id = z.string().trim().min(1).max(64);
const note = z.string().trim().max(1_000).nullable();

/** The requester's reason, filed with a covered action (approvers read it). */
export const approvalWhy = z
  .string()
  .trim()
  .min(3, "Say why (the maintainer who approves reads it).")
  .max(1_000)
  // Read outside parseForm (the request's own form field): PostgreSQL stores no NUL.
  .refine((why) => !why.includes("\u0000"), "The reason contains a NUL character (U+0000), which cannot be stored: remove it.");

export const DecideSchema = z.object({ requestId: id }).strict();
export const DeclineSchema = z.object({ requestId: id, reason: z.string().trim().min(3, "Say why you decline (the requester reads it).").max(1_000) }).strict();

export const ApprovalSettingsSchema = z
  .object({
    covered: z.array(z.enum(APPROVAL_KINDS)).max(APPROVAL_KINDS.length).transform((v) => [...new Set(v)]),
    expiryHours: z.coerce.number().int("Whole hours.").min(1, "At least 1 hour.").max(24 * 14, "At most 14 days."),
  })
  .strict();
export type ApprovalSettingsInput = z.infer<typeof ApprovalSettingsSchema>;

export const SendParams = z.object({ noticeId: id, overrideReason: note }).strict();
export const ChangeDateParams = z.object({ noticeId: id, disclosureAt: z.iso.datetime(), changeNote: z.string().max(1_000), overrideReason: note, reporterReason: note.optional() }).strict();
export const ReasonParams = z.object({ noticeId: id, reason: z.string().max(1_000), reporterReason: note.optional() }).strict();
export const AddRecipientsParams = z.object({ noticeId: id, organisationIds: z.array(id).min(1).max(100), reason: z.string().max(1_000) }).strict();
export const PublishAttachmentParams = z.object({ noticeId: id, attachmentId: id, public: z.boolean() }).strict();
export const PreAnnounceParams = z.object({ noticeId: id, versionRange: z.string().max(200), previewed: z.string().max(2_000) }).strict();
export const InviteMaintainerParams = z.object({ email: z.string().max(320), name: z.string().max(120).nullable() }).strict();
export const RemoveMaintainerParams = z.object({ userId: id }).strict();
/** The directory export has no parameters: it is always the whole directory (what it holds is in the preview). */
export const DirectoryExportParams = z.object({}).strict();
