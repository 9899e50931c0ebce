// Inputs of the advisories domain: the announcement a maintainer edits before disclosure.
import { z } from "zod";

export const AnnouncementSchema = z
  .object({
    noticeId: z.string().trim().min(1).max(64),
    intent: z.enum(["save", "reset"]).default("save"),
    subject: z.string().trim().max(300, "Keep the subject under 300 characters.").default(""),
    text: z.string().trim().max(50_000, "Keep the text under 50,000 characters.").default(""),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.intent === "save" && v.subject.length < 3) ctx.addIssue({ code: "custom", path: ["subject"], message: "Give the announcement a subject." });
    if (v.intent === "save" && v.text.length < 10) ctx.addIssue({ code: "custom", path: ["text"], message: "Write the announcement's text (or use the generated one)." });
  });
