// The audience under embargo, on PGlite and PostgreSQL: an organisation added late gets the notice as it stands now
// (and nobody else hears of it); a removed one loses every path at once, is told only that its access ended, and
// hears nothing after; bad input changes nothing; two maintainers adding the same organisation make one row.
import { beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { stopJobEngine } from "@/lib/jobs/engine";
import { notEntitled } from "@/lib/mail/data/entitlement";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-address";
import { createApiToken, rotateCalendarFeed } from "@/lib/tokens/data";
import { CreateApiTokenSchema } from "@/lib/tokens/schemas";
import { GET as apiList } from "@/app/api/v1/notices/route";
import { GET as apiDetail } from "@/app/api/v1/notices/[noticeId]/route";
import { GET as apiCsaf } from "@/app/api/v1/notices/[noticeId]/csaf.json/route";
import { GET as calendar } from "@/app/calendar/[file]/route";
import { NoticeDraftSchema } from "./schemas";
import {
  acceptNoticeTerms,
  addAttachment,
  addRecipients,
  changeDisclosureDate,
  createNoticeDraft,
  getAttachmentForDownload,
  getAudienceChanges,
  getTracking,
  getVendorNotice,
  listUpcomingDisclosures,
  listVendorNotices,
  postMaintainerMessage,
  remindSilent,
  removeRecipient,
  sendNotice,
} from "./data";
import { endEmbargoNow } from "@/lib/advisories/data";

const request = { ip: "192.0.2.80", userAgent: "vitest" };
const at = (ms: number) => new Date(Date.now() + ms).toISOString();
const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const headers = (authorization?: string): HeadersInit => ({ [CLIENT_IP_HEADER]: "192.0.2.80", ...(authorization ? { authorization } : {}) });

describeEachDatabase("audience changes under embargo", (db) => {
  beforeEach(async () => {
    await stopJobEngine(1_000);
  });

  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const org = async (name: string, status: "ACTIVE" | "INVITED" | "SUSPENDED" | "REMOVED" = "ACTIVE", roleAddress: string | null = null) => db.client.organisation.create({ data: { name, status, roleAddress } });
    const member = async (o: { id: string; name: string }, email: string, status: "ACTIVE" | "INVITED" = "ACTIVE") =>
      vendor(await db.client.user.create({ data: { email, role: "VENDOR", status, ...(status === "ACTIVE" ? { lastSignInAt: new Date() } : {}), membership: { create: { organisationId: o.id } } } }), o);
    const acme = await org("Acme");
    const globex = await org("Globex");
    const initech = await org("Initech", "ACTIVE", "security@initech.example");
    const suspended = await org("Hooli", "SUSPENDED");
    const invited = await org("Umbrella", "INVITED");
    const ann = await member(acme, "ann@acme.example");
    const gus = await member(globex, "gus@globex.example");
    const ian = await member(initech, "ian@initech.example");
    await member(initech, "iris@initech.example", "INVITED");
    const draft = NoticeDraftSchema.parse({ title: "Heap overflow in parse_header()", description: "Secret details", disclosureAt: at(5 * 86_400_000), audience: "SELECTED", organisationIds: [acme.id, globex.id] });
    const { id, reference } = await createNoticeDraft(m, draft, request);
    await sendNotice(m, { noticeId: id, overrideReason: null }, request);
    return { m, acme, globex, initech, suspended, invited, ann, gus, ian, id, reference };
  }
  const dispatchEmails = (purpose: string) => db.client.outboxEmail.findMany({ where: { dispatch: { purpose } }, orderBy: { toAddress: "asc" }, select: { toAddress: true, subject: true, textBody: true, organisationId: true } });
  const counts = async () => ({
    recipients: await db.client.noticeRecipient.count(),
    open: await db.client.noticeRecipient.count({ where: { removedAt: null } }),
    emails: await db.client.outboxEmail.count(),
    events: await db.client.auditEvent.count({ where: { action: { in: ["notice.recipient-added", "notice.recipient-removed"] } } }),
  });

  it("an organisation added late gets the notice as it stands now, from the maintainers; nobody else hears of it", async () => {
    const w = await world();
    const moved = new Date(Date.now() + 6 * 86_400_000);
    await changeDisclosureDate(w.m, { noticeId: w.id, disclosureAt: moved, changeNote: "Another day for the fix", overrideReason: null }, request);
    const before = await db.client.outboxEmail.count();
    await expect(addRecipients(w.ann, { noticeId: w.id, organisationIds: [w.initech.id], reason: "Ships the library" }, request)).rejects.toBeInstanceOf(NotFoundError);
    expect(await addRecipients(w.m, { noticeId: w.id, organisationIds: [w.initech.id], reason: "Ships the library in its cloud images" }, request)).toEqual({ organisations: 1, emails: 3 });

    // Exactly the new organisation's invited and active members and its role address, with the current date.
    const sent = await db.client.outboxEmail.findMany({ skip: before, orderBy: { createdAt: "asc" }, select: { toAddress: true, subject: true, textBody: true, organisationId: true } });
    expect(sent.map((e) => e.toAddress).sort()).toEqual(["ian@initech.example", "iris@initech.example", "security@initech.example"]);
    for (const e of sent) {
      expect(e.organisationId).toBe(w.initech.id);
      expect(e.subject).toBe(`[EMBARGOED] Forewarn ${w.reference}: advance security notice`);
      expect(e.textBody).toContain(`Public disclosure: ${utc(moved)}`);
      expect(e.textBody).not.toMatch(/Acme|Globex|cloud images/);
    }
    expect(sent.find((e) => e.toAddress === "iris@initech.example")!.textBody).toContain("You have not signed in to Forewarn yet");

    // Tracking: when, by whom, why.
    const row = (await getTracking(w.m, w.id)).rows.find((r) => r.organisation === "Initech")!;
    expect(row.added).toEqual({ by: "m@project.example", reason: "Ships the library in its cloud images" });
    expect(row.notifiedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await getTracking(w.m, w.id)).rows.find((r) => r.organisation === "Acme")!.added).toBeNull();

    // The same terms, then the current revision.
    expect(await getVendorNotice(w.ian, w.id, request)).toMatchObject({ view: "terms", disclosureAt: moved });
    await acceptNoticeTerms(w.ian, w.id, request);
    const full = await getVendorNotice(w.ian, w.id, request);
    expect(full.view === "full" && full.notice).toMatchObject({ revision: 1, disclosureAt: moved });
    expect(JSON.stringify(full)).not.toMatch(/Acme|Globex|cloud images/);

    // The others' revision history and pages say nothing of it.
    await acceptNoticeTerms(w.ann, w.id, request);
    const annSees = await getVendorNotice(w.ann, w.id, request);
    expect(annSees.view === "full" && annSees.notice.revisions.map((r) => r.number)).toEqual([1]);
    expect(JSON.stringify(annSees)).not.toMatch(/Initech|cloud images/);

    const history = await getAudienceChanges(w.m, w.id);
    expect(history.history).toMatchObject([{ change: "added", organisation: "Initech", by: "m@project.example", reason: "Ships the library in its cloud images" }]);
    expect(history.candidates.map((c) => c.name)).toEqual([]);
    await expect(getAudienceChanges(w.ann, w.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.client.auditEvent.findFirst({ where: { action: "notice.recipient-added" } })).toMatchObject({ actorEmail: "m@project.example", targetId: w.id, ipAddress: "192.0.2.80" });
  });

  it("bad additions change nothing, each with a message", async () => {
    const w = await world();
    const before = await counts();
    const add = (organisationIds: string[], reason = "Joined the list", noticeId = w.id) => addRecipients(w.m, { noticeId, organisationIds, reason }, request);
    await expect(add([w.acme.id])).rejects.toThrow(/^Acme already receives this notice\.$/);
    await expect(add([w.suspended.id])).rejects.toThrow(/Hooli is suspended: only active organisations/);
    await expect(add([w.invited.id])).rejects.toThrow(/Umbrella is still invited \(not active yet\)/);
    await expect(add([w.initech.id, "no-such-org"])).rejects.toThrow(/no longer exists/);
    await expect(add([w.initech.id], "Same downstream as Globex")).rejects.toThrow(/names Globex/);
    const draft = await createNoticeDraft(w.m, NoticeDraftSchema.parse({ title: "A draft", disclosureAt: at(5 * 86_400_000) }), request);
    await expect(add([w.initech.id], "Joined", draft.id)).rejects.toThrow(new ConflictError("This notice is still a draft: choose its audience in the draft, then send it."));
    await expect(add([w.initech.id], "Joined", "no-such-notice")).rejects.toBeInstanceOf(NotFoundError);
    expect(await counts()).toEqual(before);
    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Public now" }, request);
    const after = await counts();
    await expect(add([w.initech.id])).rejects.toThrow(/already public/);
    const recipient = await db.client.noticeRecipient.findFirstOrThrow({ where: { organisationId: w.acme.id } });
    await expect(removeRecipient(w.m, { noticeId: w.id, recipientId: recipient.id, reason: "Left the list" }, request)).rejects.toThrow(/already public/);
    expect(await counts()).toEqual(after);
  });

  it("two maintainers adding the same organisation at once: one row, one set of emails", async () => {
    const w = await world();
    const other = maintainer(await db.client.user.create({ data: { email: "m2@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const results = await Promise.allSettled([
      addRecipients(w.m, { noticeId: w.id, organisationIds: [w.initech.id], reason: "Joined the list" }, request),
      addRecipients(other, { noticeId: w.id, organisationIds: [w.initech.id], reason: "Joined the list" }, request),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    // Refused before the lock (already addressed) or under it (added a moment ago): either way a message, nothing written.
    expect([ValidationError, ConflictError].some((E) => refused.reason instanceof E)).toBe(true);
    expect(String(refused.reason.message)).toMatch(/Initech (already receives this notice|was added a moment ago)/);
    expect(await db.client.noticeRecipient.count({ where: { organisationId: w.initech.id } })).toBe(1);
    expect(await db.client.outboxEmail.count({ where: { organisationId: w.initech.id } })).toBe(3);
    expect(await db.client.auditEvent.count({ where: { action: "notice.recipient-added" } })).toBe(1);
  });

  it("a removed organisation loses every path at once, is told only that, and hears nothing after", async () => {
    const w = await world();
    const { id: fileId } = await addAttachment(w.m, { noticeId: w.id, filename: "fix.patch", bytes: new TextEncoder().encode("--- a\n+++ b\n"), public: false }, request);
    await acceptNoticeTerms(w.ann, w.id, request);
    const token = `Bearer ${(await createApiToken(w.ann, CreateApiTokenSchema.parse({ label: "script" }), request)).secret}`;
    const { url } = await rotateCalendarFeed(w.ann, request);
    const params = { params: Promise.resolve({ noticeId: w.id }) };
    const fetchAll = async () => ({
      list: (await (await apiList(new Request("http://localhost/api/v1/notices", { headers: headers(token) }))).json()) as { notices: unknown[] },
      detail: (await apiDetail(new Request(`http://localhost/api/v1/notices/${w.id}`, { headers: headers(token) }), params)).status,
      csaf: (await apiCsaf(new Request(`http://localhost/api/v1/notices/${w.id}/csaf.json`, { headers: headers(token) }), params)).status,
      ics: await (await calendar(new Request(url, { headers: headers() }), { params: Promise.resolve({ file: url.split("/").at(-1)! }) })).text(),
    });
    const open = await fetchAll();
    expect(open).toMatchObject({ detail: 200, csaf: 200 });
    expect(open.list.notices).toHaveLength(1);
    expect(open.ics).toContain(w.reference);
    expect((await getAttachmentForDownload(w.ann, w.id, fileId, request)).filename).toBe("fix.patch");

    const recipient = await db.client.noticeRecipient.findFirstOrThrow({ where: { organisationId: w.acme.id } });
    await expect(removeRecipient(w.m, { noticeId: w.id, recipientId: recipient.id, reason: "Globex says they leaked it" }, request)).rejects.toThrow(/names Globex/);
    await expect(removeRecipient(w.gus, { noticeId: w.id, recipientId: recipient.id, reason: "x" }, request)).rejects.toBeInstanceOf(NotFoundError);
    expect(await removeRecipient(w.m, { noticeId: w.id, recipientId: recipient.id, reason: "Acme published a fix early" }, request)).toEqual({ emails: 1 });

    // Every path, at the next request.
    await expect(getVendorNotice(w.ann, w.id, request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptNoticeTerms(w.ann, w.id, request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAttachmentForDownload(w.ann, w.id, fileId, request)).rejects.toBeInstanceOf(NotFoundError);
    expect(await listVendorNotices(w.ann)).toEqual([]);
    expect(await listUpcomingDisclosures(w.ann)).toEqual([]);
    const closed = await fetchAll();
    expect(closed).toMatchObject({ list: { notices: [] }, detail: 404, csaf: 404 });
    expect(closed.ics).not.toContain(w.reference);
    // Globex reads on as before.
    await acceptNoticeTerms(w.gus, w.id, request);
    expect((await getVendorNotice(w.gus, w.id, request)).view).toBe("full");

    // Told only that its access ended: no reason, no organisation, no link; and the send-time check lets it go.
    const told = await dispatchEmails("notice.access-ended");
    expect(told).toEqual([{ toAddress: "ann@acme.example", subject: `[EMBARGOED] Forewarn ${w.reference}: your access ended`, textBody: expect.stringContaining("access to the advance security notice"), organisationId: w.acme.id }]);
    expect(told[0]!.textBody).not.toMatch(/Acme|Globex|early|http|published/i);
    const queued = await db.client.outboxEmail.findFirstOrThrow({ where: { dispatch: { purpose: "notice.access-ended" } }, select: { id: true, toAddress: true, organisationId: true } });
    expect((await notEntitled(db.client, { purpose: "notice.access-ended", topic: `notice:${w.id}` }, [queued])).size).toBe(0);
    expect((await notEntitled(db.client, { purpose: "notice.reminder", topic: `notice:${w.id}` }, [queued])).size).toBe(1);

    // Tracking keeps it, as removed, counted nowhere else; reminders and follow-ups skip it.
    const tracking = await getTracking(w.m, w.id);
    expect(tracking.stats).toMatchObject({ organisations: 1, removed: 1, acknowledged: 0 });
    expect(tracking.rows.find((r) => r.organisation === "Acme")!.removed).toMatchObject({ by: "m@project.example", reason: "Acme published a fix early" });
    expect((await getTracking(w.m, w.id, { status: "not-acknowledged" })).rows.map((r) => r.organisation)).toEqual(["Globex"]);
    expect(await remindSilent(w.m, { noticeId: w.id }, request)).toEqual({ organisations: 1 });
    await changeDisclosureDate(w.m, { noticeId: w.id, disclosureAt: new Date(Date.now() + 6 * 86_400_000), changeNote: "One more day", overrideReason: null }, request);
    expect((await dispatchEmails("notice.date-changed")).map((e) => e.toAddress)).toEqual(["gus@globex.example"]);
    expect((await dispatchEmails("notice.reminder")).map((e) => e.toAddress)).toEqual(["gus@globex.example"]);
    await expect(postMaintainerMessage(w.m, { noticeId: w.id, recipientId: recipient.id, body: "Hello" }, request)).rejects.toThrow(/removed from the notice/);
    await expect(removeRecipient(w.m, { noticeId: w.id, recipientId: recipient.id, reason: "again" }, request)).rejects.toThrow(new ConflictError("Acme was already removed from this notice."));
    expect(await db.client.auditEvent.findFirst({ where: { action: "notice.recipient-removed" }, select: { actorEmail: true, details: true } })).toMatchObject({
      actorEmail: "m@project.example",
      details: { organisation: "Acme", reason: "Acme published a fix early", emails: 1 },
    });
  });

  it("a removed organisation may be added again, with a new reason and a fresh acknowledgement", async () => {
    const w = await world();
    const recipient = await db.client.noticeRecipient.findFirstOrThrow({ where: { organisationId: w.acme.id } });
    await removeRecipient(w.m, { noticeId: w.id, recipientId: recipient.id, reason: "Left the list" }, request);
    const changes = await getAudienceChanges(w.m, w.id);
    expect(changes.candidates).toContainEqual({ id: w.acme.id, name: "Acme", removedBefore: true });
    expect(changes.recipients.map((r) => r.organisation)).toEqual(["Globex"]);
    // Naming itself is fine: the reason is about it.
    expect(await addRecipients(w.m, { noticeId: w.id, organisationIds: [w.acme.id], reason: "Acme rejoined the list" }, request)).toEqual({ organisations: 1, emails: 1 });
    expect(await db.client.noticeRecipient.findUniqueOrThrow({ where: { id: recipient.id } })).toMatchObject({ removedAt: null, removedById: null, removeReason: null, addReason: "Acme rejoined the list", acknowledgedAt: null });
    expect(await db.client.noticeRecipient.count({ where: { organisationId: w.acme.id } })).toBe(1);
    expect((await getVendorNotice(w.ann, w.id, request)).view).toBe("terms");
    expect((await getAudienceChanges(w.m, w.id)).history.map((h) => `${h.change} ${h.organisation}: ${h.reason}`)).toEqual(["re-added Acme: Acme rejoined the list", "removed Acme: Left the list"]);
  });
});
