import { z } from "zod";
import { normalizeEmail } from "@/lib/auth/email";
import { refuseInvisibleCharacters, withoutNul } from "@/lib/text/invisible-characters";

export const ORG_STATUSES = ["INVITED", "ACTIVE", "SUSPENDED", "REMOVED"] as const;
export const PERSON_STATUSES = ["INVITED", "ACTIVE", "SUSPENDED", "REMOVED"] as const;

const id = z.string().trim().min(1).max(64);

/** One plain address, normalised; the message says what is expected. */
export const emailField = z
  .string()
  .transform((value, ctx) => {
    const email = normalizeEmail(value);
    if (!email) {
      ctx.addIssue({ code: "custom", message: "Enter one email address, like name@example.org." });
      return z.NEVER;
    }
    return email;
  });

const optionalEmail = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value || !value.trim()) return null;
    const email = normalizeEmail(value);
    if (!email) {
      ctx.addIssue({ code: "custom", message: "Enter one email address, like security@vendor.example, or leave it empty." });
      return z.NEVER;
    }
    return email;
  });

const name = z.string().trim().min(1, "Enter the organisation's name.").max(120, "Keep the name under 120 characters.").superRefine(refuseInvisibleCharacters);
const personName = z.string().trim().max(120, "Keep the name under 120 characters.").superRefine(refuseInvisibleCharacters).optional().transform((v) => v || null);

export const OrganisationInputSchema = z
  .object({
    name,
    roleAddress: optionalEmail,
    notes: z.string().max(5000, "Keep the notes under 5,000 characters.").optional().transform((v) => v ?? ""),
    // Encrypted notices carry the notice's files as encrypted attachments (a checkbox: absent means no).
    attachFilesEncrypted: z.literal("on").optional().transform((v) => v === "on"),
    // The ids of the look-alike organisations the maintainer confirmed this one is different from (see ./names.ts).
    differentFrom: z.string().max(2000).optional().transform((v) => (v ? v.split(",").filter(Boolean) : [])),
  })
  .strict();
export type OrganisationInput = z.infer<typeof OrganisationInputSchema>;

export const UpdateOrganisationSchema = OrganisationInputSchema.extend({ organisationId: id }).strict();

export const OrganisationStatusSchema = z.object({ organisationId: id, status: z.enum(ORG_STATUSES) }).strict();

export const OrganisationKeySchema = z.object({ organisationId: id, publicKey: z.string().max(200_000) }).strict();
export const RemoveKeySchema = z.object({ organisationId: id }).strict();

export const InviteMemberSchema = z.object({ organisationId: id, email: emailField, name: personName }).strict();
export const MemberRefSchema = z.object({ userId: id }).strict();
export const MemberStatusSchema = z.object({ userId: id, status: z.enum(["ACTIVE", "SUSPENDED", "REMOVED"]) }).strict();

export const MemberAdminSchema = z.object({ userId: id, admin: z.enum(["true", "false"]).transform((v) => v === "true") }).strict();

/** An organisation admin's forms: the organisation is always their own (never a field). */
export const InviteColleagueSchema = z.object({ email: emailField, name: personName }).strict();
export const ColleagueStatusSchema = z.object({ userId: id, status: z.enum(["SUSPENDED", "REMOVED"]) }).strict();

export const InviteMaintainerSchema = z.object({ email: emailField, name: personName }).strict();

export const DirectoryFilterSchema = z
  .object({
    q: z.string().trim().max(120).transform(withoutNul).optional(),
    status: z.enum(ORG_STATUSES).optional(),
  })
  .strict();
export type DirectoryFilter = z.infer<typeof DirectoryFilterSchema>;

export const ImportSchema = z.object({ csv: z.string().min(1, "Choose a CSV file or paste its contents.").max(2_000_000, "Keep the file under 2 MB.") }).strict();
export const ImportConfirmSchema = ImportSchema.extend({
  token: z.string().min(1).max(64),
  invite: z.literal("on").optional(),
  // The maintainer confirmed the new organisations that look like existing ones are different (the preview lists them).
  different: z.literal("on").optional(),
}).strict();

/** "Invite everyone not yet invited": the count the maintainer was shown and confirmed; no organisation = all. */
export const InviteUninvitedSchema = z.object({ organisationId: id.optional(), expected: z.coerce.number().int().min(1).max(1_000_000) }).strict();
