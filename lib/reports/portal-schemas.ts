// Input of the reporter's own actions (shared by the forms and lib/reports/portal-actions.ts). Strict: an unknown
// field is refused, so nothing a form did not offer (a reporterId, a status) can ride along.
import { z } from "zod";
import { REPORT_CREDITS } from "./portal-policy";
import { visible } from "./schemas";

const id = z.string().trim().min(1).max(64);

export const REPORTER_MESSAGE_MAX = 10_000;
export const CREDIT_TEXT_MAX = 200;

export const ReporterMessageSchema = z
  .object({
    reportId: id,
    body: z.string().trim().min(1, "Write a message.").max(REPORTER_MESSAGE_MAX, "Keep a message under 10,000 characters."),
  })
  .strict();

export const ReportCreditSchema = z
  .object({
    reportId: id,
    creditKind: z.enum(REPORT_CREDITS, "Choose how you wish to be credited."),
    // Published verbatim (the page, OSV, CSAF and the plain-text announcement): one line, nothing invisible.
    creditText: z.string().trim().max(CREDIT_TEXT_MAX, "Keep the credit under 200 characters.").superRefine(visible("The credit")).optional().default(""),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.creditKind !== "NONE" && value.creditText === "") {
      ctx.addIssue({ code: "custom", path: ["creditText"], message: "Write the name, handle or organisation to credit, or choose not to be credited." });
    }
  });

export type ReporterMessageInput = z.infer<typeof ReporterMessageSchema>;
export type ReportCreditInput = z.infer<typeof ReportCreditSchema>;
