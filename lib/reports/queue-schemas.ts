// Inputs of the maintainers' intake queue, one strict schema per use case, shared by the forms and the actions.
import { z } from "zod";
import { normalizeEmail } from "@/lib/auth/email";
import { visible } from "./schemas";

const id = z.string().trim().min(1).max(64);
const said = (what: string, min = 1, max = 10_000) =>
  z
    .string(`Write the ${what}.`)
    .trim()
    .min(min, min > 1 ? `Write the ${what} (at least ${min} characters).` : `Write the ${what}.`)
    .max(max, `Keep the ${what} under ${max.toLocaleString("en")} characters.`);

export const ReportIdSchema = z.object({ reportId: id }).strict();

/** Acknowledging tells the reporter, in the maintainer's words. */
export const AcknowledgeReportSchema = ReportIdSchema.extend({ message: said("message to the reporter", 3) }).strict();
export const ReplyToReportSchema = ReportIdSchema.extend({ body: said("message") }).strict();
export const DeclineReportSchema = ReportIdSchema.extend({ reason: said("reason the reporter receives", 3, 2_000) }).strict();
export const DuplicateReportSchema = ReportIdSchema.extend({
  reason: said("reason the reporter receives", 3, 2_000),
  original: z
    .string("Give the reference of the original report.")
    .trim()
    .toUpperCase()
    .regex(/^R-\d{4}-\d{4,}$/, "Give the original report's reference, like R-2026-0003."),
}).strict();

export const QUEUE_FILTERS = ["open", "overdue", "RECEIVED", "ACKNOWLEDGED", "ACCEPTED", "DECLINED", "DUPLICATE", "FIXED", "DISCLOSED", "all"] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];
export const QueueFilterSchema = z.object({ status: z.enum(QUEUE_FILTERS).catch("open").default("open") }).strip();

export const CREDIT_KINDS = ["NAME", "HANDLE", "ORGANISATION", "NONE"] as const;

/** A report a maintainer enters by hand (it arrived by email): the maintainer vouches for the address. */
export const HandReportSchema = z
  .object({
    reporterName: said("reporter's name", 1, 200).regex(/^[^\p{Cc}]*$/u, "Write the name on one line."),
    email: z.string("Give the reporter's email address.").transform((v, ctx) => {
      const email = normalizeEmail(v);
      if (!email) {
        ctx.addIssue({ code: "custom", message: "Give a valid email address, like name@example.org." });
        return z.NEVER;
      }
      return email;
    }),
    summary: said("summary", 3, 1_000).regex(/^[^\p{Cc}]*$/u, "Write the summary on one line."),
    details: said("details", 3, 50_000),
    affectedVersions: z.string().trim().max(2_000, "Keep the affected versions under 2,000 characters.").default(""),
    reproduction: z.string().trim().max(50_000, "Keep the steps under 50,000 characters.").default(""),
    creditKind: z.enum(CREDIT_KINDS, "Choose how the reporter is credited."),
    creditText: z.string().trim().max(200, "Keep the credit under 200 characters.").superRefine(visible("The credit")).optional().transform((v) => v || null),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.creditKind !== "NONE" && v.creditKind !== "NAME" && !v.creditText) ctx.addIssue({ code: "custom", path: ["creditText"], message: "Give the handle or organisation to credit." });
  })
  .transform((v) => ({ ...v, creditText: v.creditKind === "NONE" ? null : (v.creditText ?? (v.creditKind === "NAME" ? v.reporterName : null)) }));
export type HandReportInput = z.infer<typeof HandReportSchema>;
