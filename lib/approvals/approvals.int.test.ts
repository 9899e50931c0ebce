// The two-person rule end to end on PGlite and PostgreSQL, through the server actions a form posts and the real data
// layer: a covered action is filed instead of done, another maintainer's approval runs it exactly once with the
// stored parameters, and a decline, the expiry, a changed draft, concurrent approvals and an approval racing a decline
// each have one outcome. Break-glass ends an embargo at once, loudly.
import { beforeEach, expect, it, vi } from "vitest";
import { generateKey } from "openpgp";
import { describeEachDatabase } from "@/test/db";
import { maintainer } from "@/test/viewers";
import { ANONYMOUS, type MaintainerViewer, type Viewer } from "@/lib/server/viewer-types";
import { stopJobEngine } from "@/lib/jobs/engine";

const session = vi.hoisted(() => ({ viewer: { kind: "anonymous" } as Viewer }));
vi.mock("@/lib/auth/viewer", () => ({
  getViewer: async () => session.viewer,
  getRequestInfo: async () => ({ ip: "192.0.2.14", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("redirect"), { digest: `NEXT_REDIRECT;replace;${url};307;`, url });
  },
}));

const noticeActions = await import("@/lib/notices/actions");
const recipientActions = await import("@/lib/notices/recipient-actions");
const attachmentActions = await import("@/lib/notices/attachment-actions");
const settingsActions = await import("@/lib/settings/actions");
const directoryActions = await import("@/lib/directory/actions");
const approvalActions = await import("./actions");
const preAnnouncementActions = await import("@/lib/notices/pre-announcement-actions");
const { renderPreAnnouncement } = await import("@/lib/notices/pre-announcement");
const { changeDisclosureDate, createNoticeDraft, getNotice, getPreAnnouncementPanel, sendNotice, updateNoticeDraft } = await import("@/lib/notices/data");
const { NoticeDraftSchema } = await import("@/lib/notices/schemas");
const { getApprovalSettings, listApprovalRequests, listAwaitingMyApproval, getApprovalRequest, saveApprovalSettings } = await import("./data");

const request = { ip: "192.0.2.14", userAgent: "vitest" };
const inDays = (d: number) => new Date(Date.now() + d * 24 * 3_600_000);

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  f.append("$ACTION_ID_abc", "");
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  return f;
}

async function as<T>(viewer: Viewer, run: () => Promise<T>): Promise<T> {
  session.viewer = viewer;
  return run();
}

describeEachDatabase("two-person rule", (db) => {
  beforeEach(async () => {
    await stopJobEngine(1_000);
  });

  /** Three maintainers with a second factor (so the defaults cover send, end early and date change), two organisations. */
  async function world() {
    const mk = async (email: string) => maintainer(await db.client.user.create({ data: { email, role: "MAINTAINER", status: "ACTIVE", totpEnabledAt: new Date() } }));
    const a = await mk("approvals-a@project.example");
    const b = await mk("approvals-b@project.example");
    const c = await mk("approvals-c@project.example");
    const orgs = [];
    for (const name of ["Acme", "Globex", "Initech"]) {
      const o = await db.client.organisation.create({ data: { name, status: "ACTIVE", roleAddress: `security@${name.toLowerCase()}.example` } });
      await db.client.user.create({ data: { email: `ann@${name.toLowerCase()}.example`, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: o.id } } } });
      orgs.push(o);
    }
    return { a, b, c, orgs };
  }

  const draftInput = (extra: Record<string, unknown> = {}) => NoticeDraftSchema.parse({ title: "Heap overflow in parse_header()", description: "Secret details", disclosureAt: inDays(5).toISOString(), audience: "SELECTED", ...extra });

  async function draft(m: MaintainerViewer, organisationIds: string[]) {
    return createNoticeDraft(m, draftInput({ organisationIds }), request);
  }

  async function embargoed(m: MaintainerViewer, organisationIds: string[]) {
    const n = await draft(m, organisationIds);
    await sendNotice(m, { noticeId: n.id, overrideReason: null }, request);
    return n;
  }

  const sends = async () => db.client.mailDispatch.count({ where: { purpose: "notice.sent" } });
  const noticeEmails = async () => db.client.outboxEmail.count({ where: { dispatch: { purpose: "notice.sent" } } });
  const onlyRequest = async () => {
    const rows = await db.client.approvalRequest.findMany();
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };
  const approve = (m: Viewer, requestId: string) => as(m, () => approvalActions.approveRequestAction(null, form({ requestId })));
  const decline = (m: Viewer, requestId: string, reason = "Not before the fix is out.") => as(m, () => approvalActions.declineRequestAction(null, form({ requestId, reason })));

  it("defaults: nothing covered with one maintainer who could approve, send / end early / date change from two, saved settings win", async () => {
    await db.client.user.create({ data: { email: "solo@project.example", role: "MAINTAINER", status: "ACTIVE", totpEnabledAt: new Date() } });
    // A second maintainer without a second factor cannot approve: still one.
    await db.client.user.create({ data: { email: "new@project.example", role: "MAINTAINER", status: "ACTIVE" } });
    expect((await getApprovalSettings()).covered).toEqual([]);
    const second = maintainer(await db.client.user.create({ data: { email: "two@project.example", role: "MAINTAINER", status: "ACTIVE", totpEnabledAt: new Date() } }));
    expect((await getApprovalSettings()).covered.sort()).toEqual(["notice.change-date", "notice.end-embargo", "notice.send"]);
    await saveApprovalSettings(second, { covered: ["notice.withdraw"], expiryHours: 4 }, request);
    expect(await getApprovalSettings()).toMatchObject({ covered: ["notice.withdraw"], expiryHours: 4, saved: true });
  });

  it("a single maintainer sends at once, as before (the default is off)", async () => {
    const solo = maintainer(await db.client.user.create({ data: { email: "solo@project.example", role: "MAINTAINER", status: "ACTIVE", totpEnabledAt: new Date() } }));
    const o = await db.client.organisation.create({ data: { name: "Acme", status: "ACTIVE", roleAddress: "security@acme.example" } });
    const n = await draft(solo, [o.id]);
    await expect(as(solo, () => noticeActions.sendNoticeAction(null, form({ noticeId: n.id })))).rejects.toMatchObject({ url: expect.stringContaining("sent=1") });
    expect(await db.client.approvalRequest.count()).toBe(0);
    expect(await sends()).toBe(1);
  });

  it("send: filed with a reason, emailed to the others, not approvable by the requester; another's approval sends exactly once", async () => {
    const w = await world();
    const n = await draft(w.a, [w.orgs[0]!.id, w.orgs[1]!.id]);
    // No reason: refused, nothing filed, nothing sent.
    const missing = await as(w.a, () => noticeActions.sendNoticeAction(null, form({ noticeId: n.id })));
    expect(missing).toMatchObject({ ok: false, fieldErrors: { approvalReason: [expect.stringMatching(/why/)] } });
    expect(await db.client.approvalRequest.count()).toBe(0);

    const filed = await as(w.a, () => noticeActions.sendNoticeAction(null, form({ noticeId: n.id, approvalReason: "Fix is ready, vendors need a week." })));
    expect(filed).toMatchObject({ ok: true, message: expect.stringMatching(/second maintainer's approval/) });
    expect((await getNotice(w.a, n.id)).state).toBe("DRAFT");
    expect(await sends()).toBe(0);
    const r = await onlyRequest();
    expect(r).toMatchObject({ kind: "notice.send", status: "PENDING", requestedById: w.a.userId, reason: "Fix is ready, vendors need a week.", params: { noticeId: n.id, overrideReason: null } });
    // The approvers see what the requester saw: who would receive what.
    const view = await getApprovalRequest(w.b, r.id);
    expect(view.preview.lines.join("\n")).toMatch(/Acme: 2 emails/);
    expect(view.preview.lines.join("\n")).not.toMatch(/Initech/);
    expect(view.decide).toEqual({ ok: true });
    // The other two maintainers are emailed a link, never the details; the requester is not.
    const told = await db.client.outboxEmail.findMany({ where: { dispatch: { purpose: "approval.requested" } }, orderBy: { toAddress: "asc" } });
    expect(told.map((e) => e.toAddress)).toEqual(["approvals-b@project.example", "approvals-c@project.example"]);
    expect(told[0]!.textBody).toContain(`/maintainer/approvals/${r.id}`);
    expect(told[0]!.textBody).not.toMatch(/Heap overflow|Secret details|Acme/);
    expect((await listAwaitingMyApproval(w.b)).map((x) => x.id)).toEqual([r.id]);
    expect(await listAwaitingMyApproval(w.a)).toEqual([]);

    expect(await approve(w.a, r.id)).toMatchObject({ ok: false, error: expect.stringMatching(/another maintainer/) });
    expect(await approve(w.b, r.id)).toMatchObject({ ok: true, message: expect.stringMatching(/Sent to 2 organisations: 4 emails/) });
    expect((await getNotice(w.a, n.id)).state).toBe("EMBARGOED");
    expect(await approve(w.c, r.id)).toMatchObject({ ok: false, error: "This request was already approved." });
    expect(await sends()).toBe(1);
    expect(await noticeEmails()).toBe(4);
    expect(await db.client.approvalRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: "EXECUTED", decidedById: w.b.userId });
    // Linked in the audit log: requested → approved → the send → executed, each naming the request.
    const events = await db.client.auditEvent.findMany({ where: { action: { in: ["approval.requested", "approval.approved", "notice.sent", "approval.executed"] } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["approval.requested", "approval.approved", "notice.sent", "approval.executed"]);
    expect(events.filter((e) => e.action.startsWith("approval.")).every((e) => (e.details as { requestId?: string }).requestId === r.id)).toBe(true);
    expect(events.find((e) => e.action === "notice.sent")!.actorId).toBe(w.b.userId);
  });

  it("a decline ends the request: nothing is sent, a later approval is refused", async () => {
    const w = await world();
    const n = await draft(w.a, [w.orgs[0]!.id]);
    await as(w.a, () => noticeActions.sendNoticeAction(null, form({ noticeId: n.id, approvalReason: "Ready." })));
    const r = await onlyRequest();
    expect(await decline(w.a, r.id)).toMatchObject({ ok: false });
    expect(await decline(w.b, r.id, "")).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(Array) } });
    expect(await decline(w.b, r.id)).toMatchObject({ ok: true });
    expect(await approve(w.c, r.id)).toMatchObject({ ok: false, error: "This request was declined." });
    expect((await getNotice(w.a, n.id)).state).toBe("DRAFT");
    expect(await sends()).toBe(0);
    expect(await db.client.approvalRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: "DECLINED", declineReason: "Not before the fix is out.", decidedById: w.b.userId });
    expect(await db.client.auditEvent.count({ where: { action: "approval.declined" } })).toBe(1);
  });

  it("expiry: an undecided request ends after the configured hours and can no longer be approved", async () => {
    const w = await world();
    await saveApprovalSettings(w.a, { covered: ["notice.send"], expiryHours: 1 }, request);
    const n = await draft(w.a, [w.orgs[0]!.id]);
    await as(w.a, () => noticeActions.sendNoticeAction(null, form({ noticeId: n.id, approvalReason: "Ready." })));
    const r = await onlyRequest();
    expect(r.expiresAt.getTime() - r.createdAt.getTime()).toBe(3_600_000);
    await db.client.approvalRequest.update({ where: { id: r.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await approve(w.b, r.id)).toMatchObject({ ok: false, error: expect.stringMatching(/expired/) });
    expect((await db.client.approvalRequest.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("EXPIRED");
    expect(await sends()).toBe(0);
    expect(await db.client.auditEvent.count({ where: { action: "approval.expired" } })).toBe(1);
    // Listing expires overdue ones too (once).
    expect((await listApprovalRequests(w.b)).done.map((x) => x.status)).toEqual(["EXPIRED"]);
  });

  it("a draft edited after the request makes it void, saying why; nothing is sent", async () => {
    const w = await world();
    const n = await draft(w.a, [w.orgs[0]!.id]);
    await as(w.a, () => noticeActions.sendNoticeAction(null, form({ noticeId: n.id, approvalReason: "Ready." })));
    const r = await onlyRequest();
    // The audience grows after the request: what was approved is not what would be sent.
    await updateNoticeDraft(w.a, n.id, draftInput({ organisationIds: [w.orgs[0]!.id, w.orgs[2]!.id] }), request);
    expect(await approve(w.b, r.id)).toMatchObject({ ok: false, error: expect.stringMatching(/changed after it was made/) });
    expect(await db.client.approvalRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: "VOID", outcome: expect.stringMatching(/Nothing was done/) });
    expect((await getNotice(w.a, n.id)).state).toBe("DRAFT");
    expect(await sends()).toBe(0);
  });

  it("the directory changing after the request (a new active member) also voids a send", async () => {
    const w = await world();
    const n = await draft(w.a, [w.orgs[0]!.id]);
    await as(w.a, () => noticeActions.sendNoticeAction(null, form({ noticeId: n.id, approvalReason: "Ready." })));
    const r = await onlyRequest();
    await db.client.user.create({ data: { email: "bob@acme.example", role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: w.orgs[0]!.id } } } });
    expect(await approve(w.b, r.id)).toMatchObject({ ok: false, error: expect.stringMatching(/changed after it was made/) });
    expect(await sends()).toBe(0);
  });

  it("two approvals at once: one runs the action, the other is told it was already approved", async () => {
    const w = await world();
    const n = await draft(w.a, [w.orgs[0]!.id, w.orgs[1]!.id]);
    await as(w.a, () => noticeActions.sendNoticeAction(null, form({ noticeId: n.id, approvalReason: "Ready." })));
    const r = await onlyRequest();
    const { approveRequest } = await import("./data");
    const { APPROVAL_HANDLERS } = await import("@/lib/composition/approval-handlers");
    const outcomes = await Promise.allSettled([approveRequest(w.b, { requestId: r.id }, APPROVAL_HANDLERS, request), approveRequest(w.c, { requestId: r.id }, APPROVAL_HANDLERS, request)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(String(refused.reason.message)).toMatch(/already approved/);
    expect(await sends()).toBe(1);
    expect(await noticeEmails()).toBe(4);
    expect(await db.client.auditEvent.count({ where: { action: "notice.sent" } })).toBe(1);
  });

  it("an approval racing a decline: exactly one outcome", async () => {
    const w = await world();
    const n = await draft(w.a, [w.orgs[0]!.id]);
    await as(w.a, () => noticeActions.sendNoticeAction(null, form({ noticeId: n.id, approvalReason: "Ready." })));
    const r = await onlyRequest();
    const { approveRequest, declineRequest } = await import("./data");
    const { APPROVAL_HANDLERS } = await import("@/lib/composition/approval-handlers");
    const outcomes = await Promise.allSettled([approveRequest(w.b, { requestId: r.id }, APPROVAL_HANDLERS, request), declineRequest(w.c, { requestId: r.id, reason: "No." }, request)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const status = (await db.client.approvalRequest.findUniqueOrThrow({ where: { id: r.id } })).status;
    if (outcomes[0].status === "fulfilled") {
      expect(status).toBe("EXECUTED");
      expect(await sends()).toBe(1);
    } else {
      expect(status).toBe("DECLINED");
      expect(await sends()).toBe(0);
    }
  });

  it("change of the disclosure date: filed with the new date, approved, changed once", async () => {
    const w = await world();
    const n = await embargoed(w.a, [w.orgs[0]!.id]);
    const when = inDays(9);
    await as(w.a, () => noticeActions.changeDisclosureDateAction(null, form({ noticeId: n.id, disclosureAt: when.toISOString(), changeNote: "The fix needs more time.", approvalReason: "Vendors asked." })));
    const r = await onlyRequest();
    expect(r.params).toMatchObject({ disclosureAt: when.toISOString(), changeNote: "The fix needs more time." });
    expect((await getNotice(w.a, n.id)).disclosureAt.getTime()).not.toBe(when.getTime());
    expect(await approve(w.b, r.id)).toMatchObject({ ok: true });
    const after = await getNotice(w.a, n.id);
    expect(after.disclosureAt.getTime()).toBe(when.getTime());
    expect(after.revision).toBe(1);
    expect(await db.client.auditEvent.count({ where: { action: "notice.date-changed" } })).toBe(1);
  });

  it("end early: filed, approved, disclosed once", async () => {
    const w = await world();
    const n = await embargoed(w.a, [w.orgs[0]!.id]);
    await as(w.a, () => noticeActions.endEmbargoAction(null, form({ noticeId: n.id, reason: "Public on a mailing list.", approvalReason: "It leaked." })));
    expect((await getNotice(w.a, n.id)).state).toBe("EMBARGOED");
    const r = await onlyRequest();
    expect(await approve(w.c, r.id)).toMatchObject({ ok: true });
    expect(await getNotice(w.a, n.id)).toMatchObject({ state: "DISCLOSED", endReason: "Public on a mailing list." });
    expect(await db.client.auditEvent.count({ where: { action: "notice.disclosed" } })).toBe(1);
  });

  it("withdraw and add organisations, when Settings cover them", async () => {
    const w = await world();
    await saveApprovalSettings(w.a, { covered: ["notice.withdraw", "notice.add-recipients"], expiryHours: 24 }, request);
    const n = await embargoed(w.a, [w.orgs[0]!.id]);
    await as(w.a, () => recipientActions.addRecipientsAction(null, form({ noticeId: n.id, organisationIds: [w.orgs[1]!.id, w.orgs[2]!.id], reason: "They ship the library.", approvalReason: "Downstream found." })));
    expect(await db.client.noticeRecipient.count({ where: { noticeId: n.id } })).toBe(1);
    const add = await onlyRequest();
    expect(await approve(w.b, add.id)).toMatchObject({ ok: true, message: expect.stringMatching(/Added 2 organisations/) });
    expect(await db.client.noticeRecipient.count({ where: { noticeId: n.id } })).toBe(3);

    await as(w.a, () => noticeActions.withdrawNoticeAction(null, form({ noticeId: n.id, reason: "Not a vulnerability after all.", approvalReason: "Misread the report." })));
    const withdraw = await db.client.approvalRequest.findFirstOrThrow({ where: { kind: "notice.withdraw" } });
    expect((await getNotice(w.a, n.id)).state).toBe("EMBARGOED");
    expect(await approve(w.b, withdraw.id)).toMatchObject({ ok: true });
    expect((await getNotice(w.a, n.id)).state).toBe("WITHDRAWN");
  });

  it("a public pre-announcement, when covered: the approvers read the public words; approved, published once; a date moved since voids it", async () => {
    const w = await world();
    await saveApprovalSettings(w.a, { covered: ["notice.pre-announce"], expiryHours: 24 }, request);
    const n = await embargoed(w.a, [w.orgs[0]!.id]);
    await db.client.notice.update({ where: { id: n.id }, data: { severity: "HIGH" } });
    const publish = async (range: string) => {
      const panel = await as(w.a, () => getPreAnnouncementPanel(w.a, n.id));
      const previewed = renderPreAnnouncement(panel.projectName, { ...panel.facts, versionRange: range }).text;
      return as(w.a, () => preAnnouncementActions.preAnnounceNoticeAction(null, form({ noticeId: n.id, versionRange: range, previewed, confirm: "on", approvalReason: "OpenSSL-style heads-up." })));
    };
    expect(await publish("2.0.0 to 2.4.1")).toMatchObject({ ok: true, message: expect.stringMatching(/second maintainer's approval/) });
    expect(await db.client.preAnnouncement.count()).toBe(0);
    const r = await onlyRequest();
    expect(r.kind).toBe("notice.pre-announce");
    expect(JSON.stringify(r.preview)).toMatch(/severity High, affecting 2\.0\.0 to 2\.4\.1/);
    expect(await approve(w.a, r.id)).toMatchObject({ ok: false });
    expect(await approve(w.b, r.id)).toMatchObject({ ok: true });
    expect(await db.client.preAnnouncement.findMany({ select: { versionRange: true } })).toEqual([{ versionRange: "2.0.0 to 2.4.1" }]);
    expect(await db.client.auditEvent.count({ where: { action: "notice.pre-announced" } })).toBe(1);

    // A correction requested, then the date moves (by a maintainer, outside the rule): the request is void, nothing changes.
    await publish("2.0.0 to 2.4.2");
    const second = await db.client.approvalRequest.findFirstOrThrow({ where: { status: "PENDING" } });
    await changeDisclosureDate(w.c, { noticeId: n.id, disclosureAt: inDays(8), changeNote: "Later.", overrideReason: null }, request);
    expect(await approve(w.b, second.id)).toMatchObject({ ok: false });
    expect((await db.client.approvalRequest.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("VOID");
    expect((await db.client.preAnnouncement.findFirstOrThrow()).versionRange).toBe("2.0.0 to 2.4.1");
  });

  it("who can approve is guarded whenever the rule covers anything: inviting and removing a maintainer wait for approval", async () => {
    const w = await world();
    // The defaults cover sending only (three maintainers); neither invitation nor removal was chosen.
    expect(await as(w.a, () => directoryActions.inviteMaintainerAction(null, form({ email: "sock@project.example", name: "", approvalReason: "My second account." })))).toMatchObject({ ok: true, message: expect.stringMatching(/second maintainer's approval/) });
    expect(await db.client.user.count({ where: { email: "sock@project.example" } })).toBe(0);
    const invite = await onlyRequest();
    expect(invite.kind).toBe("directory.invite-maintainer");
    expect(await approve(w.a, invite.id)).toMatchObject({ ok: false });
    expect(await approve(w.b, invite.id)).toMatchObject({ ok: true });
    expect(await db.client.user.findUniqueOrThrow({ where: { email: "sock@project.example" } })).toMatchObject({ role: "MAINTAINER", status: "INVITED" });
    await as(w.a, () => directoryActions.removeMaintainerAction(null, form({ userId: w.b.userId, approvalReason: "Left the team." })));
    expect((await db.client.user.findUniqueOrThrow({ where: { id: w.b.userId } })).status).toBe("ACTIVE");
    expect(await db.client.approvalRequest.count({ where: { kind: "directory.remove-maintainer", status: "PENDING" } })).toBe(1);
  });

  it("uploading a file marked public while publishing is covered attaches it unpublished (no way around the rule)", async () => {
    const w = await world();
    await saveApprovalSettings(w.a, { covered: ["notice.publish-attachment"], expiryHours: 24 }, request);
    const n = await draft(w.a, [w.orgs[0]!.id]);
    const f = form({ noticeId: n.id, public: "on" });
    f.append("file", new File(["diff --git a/x b/x\n"], "fix.patch"));
    expect(await as(w.a, () => attachmentActions.addAttachmentAction(null, f))).toMatchObject({ ok: true, message: expect.stringMatching(/not published/) });
    expect(await db.client.noticeAttachment.findMany({ where: { noticeId: n.id }, select: { public: true } })).toEqual([{ public: false }]);
  });

  it("settings change and maintainer removal, when covered; changing the rule itself is covered too", async () => {
    const w = await world();
    await saveApprovalSettings(w.a, { covered: ["settings.update", "directory.remove-maintainer"], expiryHours: 24 }, request);
    const settings = { name: "Libfoo", slug: "libfoo", repositoryUrl: "", packages: "", publisherName: "Libfoo security team", publisherNamespace: "https://libfoo.example", osvPrefix: "x_libfoo", announceAddress: "", defaultDisclosureTime: "14:00", defaultDisclosureZone: "UTC", securityAddress: "", reportPublicKey: "", acknowledgeTargetHours: "48", approveColleagues: "yes" };
    // A private key pasted as the report key is refused before anything is filed: it never sits in a request.
    const { privateKey } = await generateKey({ type: "ecc", curve: "curve25519Legacy", userIDs: [{ email: "x@libfoo.example" }], format: "armored" });
    expect(await as(w.a, () => settingsActions.saveProjectSettingsAction(null, form({ ...settings, reportPublicKey: privateKey, approvalReason: "Key." })))).toMatchObject({ ok: false, error: expect.stringMatching(/PRIVATE key/) });
    expect(await db.client.approvalRequest.count()).toBe(0);
    expect(await as(w.a, () => settingsActions.saveProjectSettingsAction(null, form({ ...settings, approvalReason: "Rename." })))).toMatchObject({ ok: true, message: expect.stringMatching(/approval/) });
    expect(await db.client.projectSettings.count()).toBe(0);
    const s = await onlyRequest();
    expect(await approve(w.b, s.id)).toMatchObject({ ok: true });
    expect((await db.client.projectSettings.findUniqueOrThrow({ where: { id: 1 } })).name).toBe("Libfoo");

    await as(w.a, () => directoryActions.removeMaintainerAction(null, form({ userId: w.c.userId, approvalReason: "Left the project." })));
    const removal = await db.client.approvalRequest.findFirstOrThrow({ where: { kind: "directory.remove-maintainer" } });
    expect((await db.client.user.findUniqueOrThrow({ where: { id: w.c.userId } })).status).toBe("ACTIVE");
    expect(await approve(w.b, removal.id)).toMatchObject({ ok: true });
    expect((await db.client.user.findUniqueOrThrow({ where: { id: w.c.userId } })).status).toBe("REMOVED");

    // Turning the rule off is itself a request.
    await as(w.a, () => approvalActions.saveApprovalSettingsAction(null, form({ expiryHours: "24", approvalReason: "Too slow." })));
    expect((await getApprovalSettings()).covered).toEqual(["settings.update", "directory.remove-maintainer"]);
    const off = await db.client.approvalRequest.findFirstOrThrow({ where: { kind: "approvals.settings" } });
    expect(await approve(w.b, off.id)).toMatchObject({ ok: true });
    expect((await getApprovalSettings()).covered).toEqual([]);
  });

  it("break-glass ends the embargo at once with a written reason: audit, every maintainer emailed, marked on the notice", async () => {
    const w = await world();
    const n = await embargoed(w.a, [w.orgs[0]!.id]);
    const noReason = await as(w.a, () => noticeActions.endEmbargoAction(null, form({ noticeId: n.id, reason: "Exploited in the wild.", breakGlass: "on" })));
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { breakGlassReason: expect.any(Array) } });
    expect((await getNotice(w.a, n.id)).state).toBe("EMBARGOED");
    const done = await as(w.a, () => noticeActions.endEmbargoAction(null, form({ noticeId: n.id, reason: "Exploited in the wild.", breakGlass: "on", breakGlassReason: "Active exploitation reported by CERT." })));
    expect(done).toMatchObject({ ok: true, message: expect.stringMatching(/break-glass/) });
    expect((await getNotice(w.a, n.id)).state).toBe("DISCLOSED");
    const r = await onlyRequest();
    expect(r).toMatchObject({ breakGlass: true, status: "EXECUTED", reason: "Active exploitation reported by CERT.", targetId: n.id });
    const told = await db.client.outboxEmail.findMany({ where: { dispatch: { purpose: "approval.break-glass" } }, orderBy: { toAddress: "asc" } });
    expect(told.map((e) => e.toAddress)).toEqual(["approvals-a@project.example", "approvals-b@project.example", "approvals-c@project.example"]);
    expect(told[0]!.textBody).toContain("Active exploitation reported by CERT.");
    const audit = await db.client.auditEvent.findFirstOrThrow({ where: { action: "approval.break-glass" } });
    expect(audit.details).toMatchObject({ requestId: r.id, reason: "Active exploitation reported by CERT." });
  });

  it("nobody but a maintainer with the second factor reaches requests or decides them", async () => {
    const w = await world();
    const n = await draft(w.a, [w.orgs[0]!.id]);
    await as(w.a, () => noticeActions.sendNoticeAction(null, form({ noticeId: n.id, approvalReason: "Ready." })));
    const r = await onlyRequest();
    const vendorUser = await db.client.user.findFirstOrThrow({ where: { role: "VENDOR" } });
    const { vendor } = await import("@/test/viewers");
    const outsiders: Viewer[] = [ANONYMOUS, vendor(vendorUser, w.orgs[0]!), { ...w.b, secondFactor: false }];
    for (const v of outsiders) {
      expect(await approve(v, r.id)).toMatchObject({ ok: false, error: "Not found." });
      expect(await decline(v, r.id)).toMatchObject({ ok: false, error: "Not found." });
      await expect(getApprovalRequest(v, r.id)).rejects.toThrow("Not found.");
      await expect(listApprovalRequests(v)).rejects.toThrow("Not found.");
    }
    expect((await db.client.approvalRequest.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("PENDING");
    expect(await sends()).toBe(0);
  });
});
