// Inputs of the notices domain, one strict schema per use case, shared by the server actions and the forms. Bad input
// gets a message that says what is expected; nothing is changed.
import { z } from "zod";
import { checkCvss4 } from "./cvss";
import { affectedRangesField, referencesField } from "./advisory-fields";
import { invisibleCharacterProblem, withoutNul } from "@/lib/text/invisible-characters";
import { stripMarks } from "@/lib/tracing/text-marks";

export const NOTICE_STATES = ["DRAFT", "EMBARGOED", "DISCLOSED", "WITHDRAWN"] as const;
export const SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export const FEEDBACK = ["RECEIVED", "INVESTIGATING", "PATCH_TESTED_OK", "PROBLEM_FOUND"] as const;
export const STATEMENTS = ["AFFECTED", "NOT_AFFECTED", "FIXED", "UNDER_INVESTIGATION"] as const;

const id = z.string().trim().min(1).max(64);
/**
 * Text a maintainer or a vendor writes, with any leak-tracing mark taken out (lib/tracing): a quote pasted from one
 * organisation's copy must never carry that organisation's mark into what every recipient, or the public, reads.
 */
const unmarked = () => z.string().overwrite(stripMarks);
const text = (max: number, what: string) => unmarked().trim().max(max, `Keep the ${what} under ${max.toLocaleString("en")} characters.`).default("");
const markdown = (what: string) => text(50_000, what);
const checkbox = z.union([z.boolean(), z.enum(["on", "true", "1", "false", "0", ""])]).optional().transform((v) => v === true || v === "on" || v === "true" || v === "1");

/** "CVE-2026-1234, CVE-2026-5678" or one per line; each checked, duplicates dropped, upper-cased. */
const cveList = (max: number, tooMany: (items: string[]) => string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value, ctx) => {
      const items = [...new Set((Array.isArray(value) ? value : (value ?? "").split(/[\s,;]+/)).map((s) => s.trim().toUpperCase()).filter(Boolean))];
      const bad = items.filter((c) => !/^CVE-\d{4}-\d{4,7}$/.test(c));
      if (bad.length > 0) {
        ctx.addIssue({ code: "custom", message: `${bad.join(", ")} ${bad.length === 1 ? "is not a CVE ID" : "are not CVE IDs"}: write them like CVE-2026-12345.` });
        return z.NEVER;
      }
      if (items.length > max) {
        ctx.addIssue({ code: "custom", message: tooMany(items) });
        return z.NEVER;
      }
      return items;
    });

// One notice is one vulnerability: OSV publishes the notice's CVE as an alias, which tells importers "the same
// vulnerability". A second CVE is another vulnerability, so it is refused here and goes under related CVEs (OSV
// `related`, CSAF references), or gets a notice of its own.
const cveIds = cveList(1, (items) => `A notice is one vulnerability with one CVE ID: keep ${items[0]} here and list ${items.slice(1).join(", ")} under “Related CVE IDs” (or write a separate notice for ${items.length === 2 ? "it" : "them"}).`);
const relatedCveIds = cveList(20, () => "At most 20 related CVE IDs.");

const cwe = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const v = (value ?? "").trim().toUpperCase();
    if (!v) return null;
    const m = v.match(/^(?:CWE-)?(\d{1,5})$/);
    if (!m) {
      ctx.addIssue({ code: "custom", message: "Write the weakness like CWE-787, or leave it empty." });
      return z.NEVER;
    }
    return `CWE-${Number(m[1])}`;
  });

/** A CVSS v4.0 vector with every base metric (threat and environmental ones optional), checked metric by metric and scored by a maintained calculator; empty means "use the plain rating". */
const cvssVector = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const v = (value ?? "").trim();
    if (!v) return null;
    const scored = checkCvss4(v);
    if (!scored.ok) {
      ctx.addIssue({ code: "custom", message: `${scored.message} Enter a CVSS v4.0 vector (CVSS:4.0/AV:…/AC:…/AT:…/PR:…/UI:…/VC:…/VI:…/VA:…/SC:…/SI:…/SA:…), or leave it empty and choose a rating.` });
      return z.NEVER;
    }
    return { vector: scored.vector, score: scored.score };
  });

const severity = z
  .union([z.enum(SEVERITIES), z.literal("")])
  .optional()
  .transform((v) => (v ? v : null));

/** An instant with an explicit offset or Z (the form sends the UTC time it computed from the zone it showed). */
export const instant = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)), "Enter a date and time with its zone, like 2026-12-08T14:00Z.")
  .transform((v) => new Date(v));

const orgIds = z
  .union([id, z.array(id)])
  .optional()
  .transform((v) => [...new Set(v === undefined ? [] : Array.isArray(v) ? v : [v])]);

export const NoticeDraftSchema = z
  .object({
    title: unmarked()
      .trim()
      .min(3, "Give the notice a title (at least 3 characters).")
      .max(200, "Keep the title under 200 characters.")
      // A title goes into email subjects, feeds and file names: one line, no control characters.
      .regex(/^[^\p{Cc}]*$/u, "Write the title on one line, without control characters."),
    summary: text(1_000, "summary"),
    description: markdown("description"),
    remediation: markdown("remediation"),
    detection: markdown("detection steps"),
    mitigation: markdown("mitigation"),
    workaround: markdown("workaround"),
    affectedPackages: affectedRangesField,
    references: referencesField,
    affectedVersions: text(2_000, "affected versions"),
    fixedVersions: text(2_000, "fixed versions"),
    cveIds,
    relatedCveIds,
    cwe,
    cvssVector,
    severity,
    deployBeforeDisclosure: checkbox,
    patchEmbargoed: checkbox,
    embargoNotes: text(2_000, "embargo conditions"),
    reporterCredit: unmarked().trim().max(200, "Keep the credit under 200 characters.").optional().transform((v) => v || null),
    reporterOptOut: checkbox,
    disclosureAt: instant,
    audience: z.enum(["ALL_ACTIVE", "SELECTED"]).default("ALL_ACTIVE"),
    organisationIds: orgIds,
    encryptFullText: checkbox,
  })
  .strict()
  .superRefine((v, ctx) => {
    const own = v.cveIds[0];
    if (own && v.relatedCveIds.includes(own)) ctx.addIssue({ code: "custom", path: ["relatedCveIds"], message: `${own} is this notice's own CVE ID: remove it from the related ones.` });
    if (v.audience === "SELECTED" && v.organisationIds.length === 0) ctx.addIssue({ code: "custom", path: ["organisationIds"], message: "Choose at least one organisation, or address all active organisations." });
    if (v.audience === "ALL_ACTIVE" && v.organisationIds.length > 0) ctx.addIssue({ code: "custom", path: ["organisationIds"], message: "Organisations are chosen only for a selected audience." });
  });
export type NoticeDraftInput = z.infer<typeof NoticeDraftSchema>;

export const SendNoticeSchema = z
  .object({ noticeId: id, overrideReason: unmarked().trim().max(500).optional().transform((v) => v || null) })
  .strict();

/** The notice's last saved time when its form was opened: a save over someone else's newer one is refused. */
const version = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Reload the page and try again." });
      return z.NEVER;
    }
    return d;
  });

export const EditNoticeSchema = z.object({ noticeId: id, version }).strict();

export const ReviseNoticeSchema = z.object({ noticeId: id, changeNote: unmarked().trim().min(3, "Say what changed (it is sent to every recipient).").max(1_000), version }).strict();

/**
 * What the maintainers choose to tell the reporter(s) of the reports a notice was made from, apart from what vendors
 * read (optional; the field is offered only when the notice has linked reports).
 */
const reporterReason = unmarked().trim().max(1_000, "Keep the note to the reporter under 1,000 characters.").optional().transform((v) => v || null);

export const ChangeDateSchema = z
  .object({ noticeId: id, disclosureAt: instant, changeNote: unmarked().trim().min(3, "Say why the date changes.").max(1_000), overrideReason: unmarked().trim().max(500).optional().transform((v) => v || null), reporterReason })
  .strict();

export const EndEmbargoSchema = z.object({ noticeId: id, reason: unmarked().trim().min(3, "Give the reason (it is recorded and sent to the recipients).").max(1_000), reporterReason }).strict();

export const NoticeIdSchema = z.object({ noticeId: id }).strict();

/**
 * Publishing (or correcting) a notice's public pre-announcement. The version range is one line of plain text, without
 * invisible characters (they could make the public line read differently from what the maintainer confirmed).
 * `previewed` is the text the maintainer saw: if the notice moved meanwhile, nothing is published. `confirm` is the
 * explicit "this becomes public" box.
 */
export const PreAnnounceSchema = z
  .object({
    noticeId: id,
    versionRange: z
      .string()
      .trim()
      .min(1, "Give the affected version range, e.g. 2.0.0 to 2.4.1.")
      .max(200, "Keep the version range under 200 characters.")
      .refine((v) => !/[\r\n]/.test(v), "The version range is one line.")
      .superRefine((v, ctx) => {
        const problem = invisibleCharacterProblem(v, "The version range");
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    previewed: z.string().max(2_000).default(""),
    confirm: z.literal("on", "Tick the box to confirm that this text becomes public."),
  })
  .strict();

/** An organisation admin's need-to-know choice for one notice: everyone in the organisation, or the chosen members. */
export const NoticeAudienceSchema = z
  .object({
    noticeId: id,
    audience: z.enum(["everyone", "chosen"], "Choose who in your organisation sees this notice."),
    members: z.array(id).max(1_000).default([]),
  })
  .strict();
export type NoticeAudienceInput = z.infer<typeof NoticeAudienceSchema>;

export const AttachmentRefSchema = NoticeIdSchema.extend({ attachmentId: id }).strict();
export const AttachmentPublicSchema = AttachmentRefSchema.extend({ public: z.enum(["true", "false"]).transform((v) => v === "true") }).strict();

/** One recipient, or every silent one. */
/** `scope: "one"` (a row of the tracking matrix): one organisation, never everyone for want of a recipientId. */
export const RemindSchema = NoticeIdSchema.extend({ recipientId: id.optional(), scope: z.literal("one").optional() })
  .strict()
  .refine((v) => v.scope !== "one" || v.recipientId, { message: "Choose the organisation to remind.", path: ["recipientId"] });

export const TRACKING_STATUSES = ["all", "not-acknowledged", "acknowledged"] as const;

/** The tracking page's query string: anything unreadable falls back to the first page of every organisation. */
export const TrackingFilterSchema = z
  .object({
    status: z.enum(TRACKING_STATUSES).catch("all"),
    q: z.string().trim().max(120).optional().catch(undefined).transform((v) => (v ? withoutNul(v) : undefined) || undefined),
    page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
  })
  .strict();

export const WithdrawSchema = z.object({ noticeId: id, reason: unmarked().trim().min(3, "Give the reason (it is recorded).").max(1_000), reporterReason }).strict();

export const CHECKLIST = ["patches-applied", "releases-issued", "announcement-posted"] as const;
export const ChecklistSchema = z.object({ noticeId: id, item: z.enum(CHECKLIST), done: z.enum(["true", "false"]).transform((v) => v === "true") }).strict();

export const RecipientUpdateSchema = z
  .object({
    noticeId: id,
    feedback: z.union([z.enum(FEEDBACK), z.literal("")]).optional().transform((v) => v || null),
    statement: z.union([z.enum(STATEMENTS), z.literal("")]).optional().transform((v) => v || null),
    comment: text(2_000, "comment"),
  })
  .strict()
  .refine((v) => v.feedback || v.statement, { message: "Choose a feedback state or a statement.", path: ["feedback"] });

export const MessageSchema = z.object({ noticeId: id, body: unmarked().trim().min(1, "Write a message.").max(10_000, "Keep a message under 10,000 characters.") }).strict();
export const MaintainerMessageSchema = MessageSchema.extend({ recipientId: id }).strict();

const changeReason = (what: string) => unmarked().trim().min(3, `Give the reason ${what} (at least 3 characters; it is recorded for maintainers).`).max(1_000, "Keep the reason under 1,000 characters.");

/** Organisations added to an embargoed notice (one or more, each once), with the reason. */
export const AddRecipientsSchema = z
  .object({
    noticeId: id,
    organisationIds: z
      .union([id, z.array(id)])
      .optional()
      .transform((v) => [...new Set(v === undefined ? [] : Array.isArray(v) ? v : [v])])
      .refine((v) => v.length > 0, "Choose at least one organisation to add.")
      .refine((v) => v.length <= 100, "Add at most 100 organisations at once."),
    reason: changeReason("for adding them"),
  })
  .strict();

/** One organisation removed from an embargoed notice, with the reason. */
export const RemoveRecipientSchema = z.object({ noticeId: id, recipientId: id, reason: changeReason("for removing it") }).strict();
