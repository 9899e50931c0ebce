// The public report form (issue 13): one strict schema, used by the form (limits, names) and the action (parsing).
// Details and reproduction are Markdown, or armored OpenPGP messages when the browser encrypted them; which of the
// two is checked against the project's key by the data layer (lib/reports/encrypted.ts), not here.
import { z } from "zod";
import { normalizeEmail } from "@/lib/auth/email";
import { invisibleCharacterProblem } from "@/lib/text/invisible-characters";
import { MAX_ATTACHMENT_BYTES } from "@/lib/server/uploads";

export const REPORT_LIMITS = {
  summary: 200,
  // Room for an armored OpenPGP message of a long text (armor adds a third, plus headers).
  details: 100_000,
  reproduction: 100_000,
  affectedVersions: 2_000,
  name: 200,
  creditText: 200,
  attachments: 5,
  /** All attachments together (each within MAX_ATTACHMENT_BYTES too): what one request body may carry. */
  attachmentBytes: MAX_ATTACHMENT_BYTES,
} as const;

export const CREDIT_KINDS = ["NAME", "HANDLE", "ORGANISATION", "NONE"] as const;

/** One line, without the invisible characters that make a text read differently from what is stored. */
/** One line, no invisible or bidi characters: for text published verbatim (the credit goes into the announcement). */
export const visible = (label: string) => (value: string, ctx: z.RefinementCtx) => {
  if (/[\r\n]/.test(value)) ctx.addIssue({ code: "custom", message: `Write ${label.toLowerCase()} on one line.` });
  else {
    const problem = invisibleCharacterProblem(value, label);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }
};

const oneLine = (what: string, label: string, max: number) =>
  z
    .string(`Give ${what}.`)
    .trim()
    .min(1, `Give ${what}.`)
    .max(max, `Keep ${label.toLowerCase()} under ${max} characters.`)
    .superRefine(visible(label));

export const ReportSubmissionSchema = z
  .object({
    summary: oneLine("a one-line summary (what kind of flaw, in which component)", "The summary", REPORT_LIMITS.summary),
    details: z.string("Describe the vulnerability.").trim().min(1, "Describe the vulnerability: what is wrong, and what an attacker can do with it.").max(REPORT_LIMITS.details, `Keep the details under ${REPORT_LIMITS.details.toLocaleString("en")} characters; attach longer material as a file.`),
    affectedVersions: z.string().trim().max(REPORT_LIMITS.affectedVersions, `Keep the affected versions under ${REPORT_LIMITS.affectedVersions} characters.`).default(""),
    reproduction: z.string().trim().max(REPORT_LIMITS.reproduction, `Keep the reproduction steps under ${REPORT_LIMITS.reproduction.toLocaleString("en")} characters; attach longer material as a file.`).default(""),
    reporterName: oneLine("your name", "Your name", REPORT_LIMITS.name),
    email: z
      .string("Give your email address: the confirmation link goes there.")
      .transform((value, ctx) => {
        const email = normalizeEmail(value);
        if (!email) {
          ctx.addIssue({ code: "custom", message: "This is not an email address we can write to. Give one plain address, e.g. you@example.org." });
          return z.NEVER;
        }
        return email;
      }),
    creditKind: z.enum(CREDIT_KINDS, "Choose how you wish to be credited."),
    creditText: z.string().trim().max(REPORT_LIMITS.creditText, `Keep the credit under ${REPORT_LIMITS.creditText} characters.`).superRefine(visible("The credit")).default(""),
    // Present (="yes") when the browser encrypted details, reproduction and attachments to the project's key.
    encrypted: z.enum(["yes"], "Unexpected value for encryption.").optional().transform((v) => v === "yes"),
    attachments: z
      .array(z.instanceof(File, { message: "Attach files with the file picker." }))
      .max(REPORT_LIMITS.attachments, `Attach at most ${REPORT_LIMITS.attachments} files (an archive can hold more).`)
      .default([])
      .refine((files) => files.reduce((sum, f) => sum + f.size, 0) <= REPORT_LIMITS.attachmentBytes, `The attachments together are larger than ${REPORT_LIMITS.attachmentBytes / 1024 / 1024} MB. Leave some out, or link to them in the details.`),
  })
  .strict()
  .transform((input, ctx) => {
    // A name credit defaults to the name given; a handle or organisation must be spelled out.
    if (input.creditKind === "NONE") return { ...input, creditText: null };
    const creditText = input.creditText || (input.creditKind === "NAME" ? input.reporterName : "");
    if (!creditText) {
      ctx.addIssue({ code: "custom", path: ["creditText"], message: input.creditKind === "HANDLE" ? "Give the handle to credit, e.g. @yourhandle." : "Give the organisation to credit." });
      return z.NEVER;
    }
    return { ...input, creditText: creditText as string | null };
  });

export type ReportSubmission = z.output<typeof ReportSubmissionSchema>;

/** FormData → the schema's raw input: every field once, the attachments as the list they are (Object.fromEntries keeps one). */
export function reportFormInput(form: FormData): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION") || key === "attachments") continue;
    raw[key] = value;
  }
  // An empty file picker sends an empty, unnamed file (named "blob" once re-encoded): that is no attachment.
  const files = form.getAll("attachments").filter((f): f is File => typeof f !== "string" && !(f.size === 0 && (f.name === "" || f.name === "blob")));
  if (files.length) raw.attachments = files;
  return raw;
}

/** The one answer to an accepted submission: it never says whether the address has an account. */
export const REPORT_SENT = "Thank you. Check your email to confirm: the report reaches the maintainers once you open the link we sent and confirm it (within 24 hours).";
