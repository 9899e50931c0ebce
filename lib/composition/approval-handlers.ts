import "server-only";
// Composition root: the two-person rule's registry. It maps each covered action kind (lib/approvals/policy.ts) to the
// owning domain's own data functions — the preview the requester and the approvers read, the fingerprint of the
// state the parameters apply to, and the execution — so lib/approvals stays below the domains it covers and each rule
// stays in one place. Only entry points (server actions) import this file. A new covered action (e.g. the public
// pre-announcement) is one handler here, one kind in the policy and its stored parameters in lib/approvals/schemas.ts.
import { createHash } from "node:crypto";
import { z } from "zod";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { parseForm } from "@/lib/server/action";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import type { ApprovalHandler, ApprovalHandlers } from "@/lib/approvals/handlers";
import { approvalNeeded, breakGlass, fileRequest, getApprovalSettings, saveApprovalSettings } from "@/lib/approvals/data";
import { COLLECT_WINDOW_MS, KIND_LABELS, type RequestKind } from "@/lib/approvals/policy";
import { AddRecipientsParams, ApprovalSettingsSchema, ChangeDateParams, DirectoryExportParams, InviteMaintainerParams, PreAnnounceParams, PublishAttachmentParams, ReasonParams, RemoveMaintainerParams, SendParams } from "@/lib/approvals/schemas";
import { addRecipients, changeDisclosureDate, getNotice, getPreAnnouncementPanel, previewSend, publishPreAnnouncement, sendNotice, setAttachmentPublic } from "@/lib/notices/data";
import { renderPreAnnouncement } from "@/lib/notices/pre-announcement";
import { endEmbargoNow, withdrawNotice } from "@/lib/advisories/data";
import { getProjectSettings, saveProjectSettings } from "@/lib/settings/data";
import { ProjectSettingsSchema } from "@/lib/settings/schemas";
import { getOrganisation, inviteMaintainer, listMaintainers, previewDirectoryExport, removeMaintainer } from "@/lib/directory/data";
import { inspectPublicKey } from "@/lib/server/pgp-keys";

const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");
const utc = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 16)} UTC`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const noticeTarget = (p: { noticeId: string }) => ({ type: "notice", id: p.noticeId });

/** What a notice action applies to: its state, its last change (edits, revisions, date) and its recipients. */
async function noticeState(viewer: Viewer, noticeId: string): Promise<string> {
  const n = await getNotice(viewer, noticeId);
  // The files too: adding or swapping a patch does not touch the notice's updatedAt, and a send emails them to the
  // organisations that receive files with the encrypted notice.
  return hash({ state: n.state, updatedAt: n.updatedAt.toISOString(), revision: n.revision, disclosureAt: n.disclosureAt.toISOString(), recipients: n._count.recipients, files: n.attachments.map((a) => [a.id, a.sha256, a.public]) });
}

async function noticeTitle(viewer: Viewer, noticeId: string): Promise<{ line: string; state: string; disclosureAt: Date }> {
  const n = await getNotice(viewer, noticeId);
  return { line: `${n.reference}: ${n.title} (${n.state.toLowerCase()}, disclosure ${utc(n.disclosureAt)})`, state: n.state, disclosureAt: n.disclosureAt };
}

const send: ApprovalHandler<z.infer<typeof SendParams>> = {
  kind: "notice.send",
  params: SendParams,
  target: noticeTarget,
  async preview(viewer, p) {
    const { line, state } = await noticeTitle(viewer, p.noticeId);
    if (state !== "DRAFT") throw new ConflictError("This notice was already sent.");
    const preview = await previewSend(viewer, p.noticeId, p.overrideReason);
    if (preview.embargo.blocking) throw new ValidationError(preview.embargo.blocking, { disclosureAt: [preview.embargo.blocking] });
    if (preview.targets.length === 0) throw new ValidationError("No active organisation would receive this notice. Activate organisations or choose others.");
    return {
      title: `Send ${line}`,
      lines: [
        `${plural(preview.targets.length, "organisation")}, ${plural(preview.emails, "email")} to ${plural(preview.people, "person", "people")} (${preview.notSignedIn} not signed in yet) and the role addresses:`,
        ...preview.targets.map((t) => `${t.name}: ${plural(t.emails, "email")}, ${t.encrypted ? "full text OpenPGP-encrypted" : "link only"}`),
        ...preview.skipped.map((s) => `${s.name}: not sent (${s.status.toLowerCase()})`),
        ...(p.overrideReason ? [`Longer embargo, because: ${p.overrideReason}`] : []),
        ...preview.embargo.warnings,
      ],
    };
  },
  async fingerprint(viewer, p) {
    const preview = await previewSend(viewer, p.noticeId, p.overrideReason);
    return hash({ notice: await noticeState(viewer, p.noticeId), targets: preview.targets.map((t) => [t.id, t.emails, t.encrypted]) });
  },
  async execute(viewer, p, request) {
    const sent = await sendNotice(viewer, p, request);
    return `Sent to ${plural(sent.organisations, "organisation")}: ${plural(sent.emails, "email")} queued.`;
  },
};

const changeDate: ApprovalHandler<z.infer<typeof ChangeDateParams>> = {
  kind: "notice.change-date",
  params: ChangeDateParams,
  target: noticeTarget,
  async preview(viewer, p) {
    const { line, state, disclosureAt } = await noticeTitle(viewer, p.noticeId);
    if (state !== "EMBARGOED") throw new ConflictError("Only an embargoed notice's disclosure time can change.");
    return { title: `Change the disclosure time of ${line}`, lines: [`From ${utc(disclosureAt)} to ${utc(new Date(p.disclosureAt))}`, `Change note to the recipients: ${p.changeNote}`, ...(p.reporterReason ? [`To the reporters: ${p.reporterReason}`] : [])] };
  },
  fingerprint: (viewer, p) => noticeState(viewer, p.noticeId),
  async execute(viewer, p, request) {
    const { revision } = await changeDisclosureDate(viewer, { ...p, disclosureAt: new Date(p.disclosureAt) }, request);
    return `Disclosure time changed to ${utc(new Date(p.disclosureAt))} (revision ${revision}); the recipients are being told.`;
  },
};

function reasonHandler(kind: "notice.end-embargo" | "notice.withdraw", run: typeof withdrawNotice, done: string): ApprovalHandler<z.infer<typeof ReasonParams>> {
  return {
    kind,
    params: ReasonParams,
    target: noticeTarget,
    async preview(viewer, p) {
      const { line, state } = await noticeTitle(viewer, p.noticeId);
      if (kind === "notice.end-embargo" && state !== "EMBARGOED") throw new ConflictError("Only an embargoed notice can be disclosed early.");
      if (state === "WITHDRAWN") throw new ConflictError("This notice is already withdrawn.");
      return { title: `${KIND_LABELS[kind]}: ${line}`, lines: [`Reason (recipients read it): ${p.reason}`, ...(p.reporterReason ? [`To the reporters: ${p.reporterReason}`] : [])] };
    },
    fingerprint: (viewer, p) => noticeState(viewer, p.noticeId),
    async execute(viewer, p, request) {
      await run(viewer, p, request);
      return done;
    },
  };
}

const EMBARGO_ENDED = "The embargo has ended; the recipients are being told.";
/** Ending an embargo early; its break-glass path records itself inside the disclosure's own transaction. */
const endEmbargo: ApprovalHandler<z.infer<typeof ReasonParams>> = {
  ...reasonHandler("notice.end-embargo", endEmbargoNow, EMBARGO_ENDED),
  async executeWithin(viewer, p, request, inTransaction) {
    await endEmbargoNow(viewer, p, request, (tx) => inTransaction(tx, EMBARGO_ENDED));
    return EMBARGO_ENDED;
  },
};

const addOrganisations: ApprovalHandler<z.infer<typeof AddRecipientsParams>> = {
  kind: "notice.add-recipients",
  params: AddRecipientsParams,
  target: noticeTarget,
  async preview(viewer, p) {
    const { line, state } = await noticeTitle(viewer, p.noticeId);
    if (state !== "EMBARGOED") throw new ConflictError("Organisations can be added only while the notice is embargoed.");
    // Named from the directory: the organisations added are by definition outside the notice's audience.
    const orgs = await Promise.all(p.organisationIds.map((id) => getOrganisation(viewer, id)));
    const names = orgs.map((o, i) => (o ? `${o.name} (${o.status.toLowerCase()})` : `an organisation no longer in the directory (${p.organisationIds[i]})`));
    return { title: `Add organisations to ${line}`, lines: [`Add: ${names.join(", ")}`, `Reason (they read it): ${p.reason}`] };
  },
  fingerprint: (viewer, p) => noticeState(viewer, p.noticeId),
  async execute(viewer, p, request) {
    const added = await addRecipients(viewer, p, request);
    return `Added ${plural(added.organisations, "organisation")}: ${plural(added.emails, "email")} queued.`;
  },
};

const publishAttachment: ApprovalHandler<z.infer<typeof PublishAttachmentParams>> = {
  kind: "notice.publish-attachment",
  params: PublishAttachmentParams,
  target: noticeTarget,
  async preview(viewer, p) {
    const n = await getNotice(viewer, p.noticeId);
    const file = n.attachments.find((a) => a.id === p.attachmentId);
    if (!file) throw new NotFoundError();
    return { title: `Publish a file with ${n.reference}: ${n.title}`, lines: [`${file.filename} (SHA-256 ${file.sha256}) becomes part of the public advisory once disclosed.`] };
  },
  async fingerprint(viewer, p) {
    const n = await getNotice(viewer, p.noticeId);
    const file = n.attachments.find((a) => a.id === p.attachmentId);
    return hash({ state: n.state, file: file ? [file.sha256, file.public] : null });
  },
  async execute(viewer, p, request) {
    await setAttachmentPublic(viewer, p, request);
    return "The file is published with the advisory.";
  },
};

/**
 * The public pre-announcement: the approvers read exactly the words that would become public (rendered by the one
 * function that renders the public page, the feed and the email), and the notice's date or severity moving since the
 * request voids it; publishPreAnnouncement checks the words once more when it runs.
 */
const preAnnounce: ApprovalHandler<z.infer<typeof PreAnnounceParams>> = {
  kind: "notice.pre-announce",
  params: PreAnnounceParams,
  target: noticeTarget,
  async preview(viewer, p) {
    const { line } = await noticeTitle(viewer, p.noticeId);
    const panel = await getPreAnnouncementPanel(viewer, p.noticeId);
    if (panel.refusal) throw new ConflictError(panel.refusal);
    const words = renderPreAnnouncement(panel.projectName, { ...panel.facts, versionRange: p.versionRange });
    if (words.text !== p.previewed) throw new ConflictError("The notice changed since the preview was shown (its date, severity or the project's name): check the preview again, then confirm.");
    return { title: `Publish the pre-announcement of ${line}`, lines: [`Public title: ${words.title}`, `Public text: ${words.text}`, panel.announceAddress ? `Emailed to ${panel.announceAddress}` : "No announce list is set: nobody is emailed."] };
  },
  async fingerprint(viewer, p) {
    const panel = await getPreAnnouncementPanel(viewer, p.noticeId);
    return hash({ notice: await noticeState(viewer, p.noticeId), words: renderPreAnnouncement(panel.projectName, { ...panel.facts, versionRange: p.versionRange }).text });
  },
  async execute(viewer, p, request) {
    await publishPreAnnouncement(viewer, p, request);
    return "Published: the pre-announcement is on the advisories page and in the feed.";
  },
};

/** The settings form as it was posted (strings): parsed again by the settings' own schema when it runs. */
const SettingsParams = z.record(z.string(), z.string());
const settingsUpdate: ApprovalHandler<z.infer<typeof SettingsParams>> = {
  kind: "settings.update",
  params: SettingsParams,
  target: () => ({ type: "settings", id: "project" }),
  async preview(_viewer, p) {
    const input = parseForm(ProjectSettingsSchema, p);
    // The report key is checked before the request is filed: a private key pasted by mistake is refused here and never
    // stored with the request (which approvers read and backups keep); the preview names keys by fingerprint only.
    const key = input.reportPublicKey.trim() ? await inspectPublicKey(input.reportPublicKey, new Date(), { field: "reportPublicKey", whose: "the project's report", privateKey: "paste the public key only", current: "Use a current key.", renewed: "Use a renewed key.", encrypting: "Use a key with an encryption subkey." }) : null;
    const before = await getProjectSettings();
    const shown = (k: string, v: unknown) => (k === "reportPublicKey" ? (v ? `key ${v === input.reportPublicKey ? key?.fingerprint : before.reportKeyFingerprint}` : "none") : JSON.stringify(v ?? ""));
    const changed = Object.entries(input).filter(([k, v]) => JSON.stringify(before[k as keyof typeof before] ?? "") !== JSON.stringify(v ?? ""));
    return { title: "Change the project's settings", lines: changed.length ? changed.map(([k, v]) => `${k}: ${shown(k, before[k as keyof typeof before])} → ${shown(k, v)}`.slice(0, 500)) : ["No field changes."] };
  },
  fingerprint: async () => hash(await getProjectSettings()),
  async execute(viewer, p, request) {
    await saveProjectSettings(viewer, parseForm(ProjectSettingsSchema, p), request);
    return "Settings saved.";
  },
};

const removeMaintainerHandler: ApprovalHandler<z.infer<typeof RemoveMaintainerParams>> = {
  kind: "directory.remove-maintainer",
  params: RemoveMaintainerParams,
  target: (p) => ({ type: "user", id: p.userId }),
  async preview(viewer, p) {
    const who = (await listMaintainers(viewer)).find((m) => m.id === p.userId);
    if (!who) throw new NotFoundError();
    return { title: `Remove the maintainer ${who.email}`, lines: ["Their sessions end at once; they can no longer sign in."] };
  },
  async fingerprint(viewer, p) {
    const who = (await listMaintainers(viewer)).find((m) => m.id === p.userId);
    return hash(who ? [who.id, who.status] : null);
  },
  async execute(viewer, p, request) {
    await removeMaintainer(viewer, p.userId, request);
    return "Maintainer removed.";
  },
};

const inviteMaintainerHandler: ApprovalHandler<z.infer<typeof InviteMaintainerParams>> = {
  kind: "directory.invite-maintainer",
  params: InviteMaintainerParams,
  target: () => ({ type: "settings", id: "maintainers" }),
  async preview(viewer, p) {
    if ((await listMaintainers(viewer)).some((m) => m.email === p.email)) throw new ConflictError(`${p.email} is already a maintainer.`);
    return { title: `Invite ${p.email} as a maintainer`, lines: ["Once they sign in with a second factor they can do everything a maintainer does, approving requests included."] };
  },
  fingerprint: async (viewer) => hash((await listMaintainers(viewer)).map((m) => [m.id, m.status])),
  async execute(viewer, p, request) {
    await inviteMaintainer(viewer, p, request);
    return `Invitation sent to ${p.email}.`;
  },
};

/**
 * Exporting the directory (a download): approval does not download anything, it lets the requester alone download the
 * export once within the hour (lib/directory/data/transfer.ts#exportDirectoryCsv collects it). The approvers read the
 * columns and how many organisations and people it holds; an organisation added, removed or changing status since voids
 * it (and refuses the download).
 */
const directoryExport: ApprovalHandler<z.infer<typeof DirectoryExportParams>> = {
  kind: "directory.export",
  params: DirectoryExportParams,
  target: () => ({ type: "directory", id: "export" }),
  async preview(viewer) {
    const p = await previewDirectoryExport(viewer);
    const statuses = Object.entries(p.byStatus).map(([status, n]) => `${n} ${status}`).join(", ");
    return {
      title: "Export the whole directory as CSV",
      lines: [
        `${plural(p.organisations, "organisation")}${statuses ? ` (${statuses})` : ""} and ${plural(p.people, "person", "people")}, every organisation's notes and OpenPGP key included.`,
        `Columns: ${p.columns.join(", ")}`,
        `Once approved, only the maintainer who asked can download it, once, within ${COLLECT_WINDOW_MS / 3_600_000} hour of the approval.`,
      ],
    };
  },
  fingerprint: async (viewer) => (await previewDirectoryExport(viewer)).fingerprint,
  async execute() {
    return `The maintainer who asked can download the export once, from the request's page, until ${utc(new Date(Date.now() + COLLECT_WINDOW_MS))}.`;
  },
};

const approvalSettings: ApprovalHandler<z.infer<typeof ApprovalSettingsSchema>> = {
  kind: "approvals.settings",
  params: ApprovalSettingsSchema,
  target: () => ({ type: "settings", id: "approvals" }),
  async preview(_viewer, p) {
    const now = await getApprovalSettings();
    const names = (kinds: readonly string[]) => (kinds.length ? kinds.map((k) => KIND_LABELS[k as RequestKind]).join("; ") : "nothing");
    return { title: "Change which actions need a second maintainer", lines: [`Covered now: ${names(now.covered)}`, `Covered after: ${names(p.covered)}`, `Requests expire after ${now.expiryHours} h → ${p.expiryHours} h`] };
  },
  fingerprint: async () => {
    const s = await getApprovalSettings();
    return hash([s.covered, s.expiryHours]);
  },
  async execute(viewer, p, request) {
    await saveApprovalSettings(viewer, p, request);
    return "The two-person rule's settings were saved.";
  },
};

export const APPROVAL_HANDLERS: ApprovalHandlers = {
  "notice.send": send,
  "notice.change-date": changeDate,
  "notice.end-embargo": endEmbargo,
  "notice.withdraw": reasonHandler("notice.withdraw", withdrawNotice, "Notice withdrawn."),
  "notice.add-recipients": addOrganisations,
  "notice.publish-attachment": publishAttachment,
  "notice.pre-announce": preAnnounce,
  "settings.update": settingsUpdate,
  "directory.remove-maintainer": removeMaintainerHandler,
  "directory.invite-maintainer": inviteMaintainerHandler,
  "directory.export": directoryExport,
  "approvals.settings": approvalSettings,
};

export type Filed = { requestId: string };

/**
 * What every covered server action asks first: when the rule covers `kind` for this maintainer, the request is filed
 * (with `why`) and the action does not run; null when it may run now.
 */
export async function fileIfCovered<P>(viewer: Viewer, kind: RequestKind, params: P, why: unknown, request: RequestInfo): Promise<Filed | null> {
  if (!(await approvalNeeded(viewer, kind))) return null;
  const handler = APPROVAL_HANDLERS[kind] as ApprovalHandler<P>;
  const { id } = await fileRequest(viewer, handler, params, why, request);
  return { requestId: id };
}

/** "End embargo now" without approval, with a written reason, recorded loudly (lib/approvals/data/break-glass.ts). */
export async function endEmbargoBreakGlass(viewer: Viewer, params: z.infer<typeof ReasonParams>, why: unknown, request: RequestInfo): Promise<void> {
  await breakGlass(viewer, APPROVAL_HANDLERS["notice.end-embargo"] as ApprovalHandler<z.infer<typeof ReasonParams>>, params, why, request, `/maintainer/notices/${params.noticeId}`);
}

export const FILED_MESSAGE = "This needs a second maintainer's approval: your request was filed and the other maintainers were emailed. Nothing happens until one of them approves.";
