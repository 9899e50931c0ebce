// Notices through the real data layer, on PGlite and PostgreSQL: drafting, sending (recipients frozen, one email per
// active member and role address, nothing of the content in clear), who sees what in every state, acknowledgements.
import { expect, it } from "vitest";
import { decrypt, generateKey, readMessage, readPrivateKey } from "openpgp";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { ANONYMOUS, type Viewer } from "@/lib/server/viewer-types";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { NoticeDraftSchema } from "./schemas";
import { acceptNoticeTerms, acknowledgeNotice, createNoticeDraft, getNotice, getVendorNotice, listNotices, listVendorNotices, previewSend, sendNotice, updateNoticeDraft, updateRecipientStatus } from "./data";
import { withdrawNotice } from "@/lib/advisories/data";

const request = { ip: "192.0.2.50", userAgent: "vitest" };
const inDays = (d: number) => new Date(Date.now() + d * 24 * 3_600_000).toISOString();
const draft = (extra: Record<string, unknown> = {}) =>
  NoticeDraftSchema.parse({ title: "Heap overflow in parse_header()", summary: "A crafted header overflows.", description: "Secret *details*", disclosureAt: inDays(5), cveIds: "CVE-2026-1234", ...extra });

describeEachDatabase("notices", (db) => {
  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const org = async (name: string, status: "ACTIVE" | "SUSPENDED" | "INVITED", members: Array<[string, "ACTIVE" | "INVITED" | "SUSPENDED"]>, roleAddress: string | null = null) => {
      const o = await db.client.organisation.create({ data: { name, status, roleAddress } });
      const people = [];
      for (const [email, s] of members) {
        const u = await db.client.user.create({ data: { email, role: "VENDOR", status: s, membership: { create: { organisationId: o.id } } } });
        people.push(vendor(u, o));
      }
      return { ...o, people };
    };
    const acme = await org("Acme", "ACTIVE", [["ann@acme.example", "ACTIVE"], ["bob@acme.example", "ACTIVE"], ["ivy@acme.example", "INVITED"]], "security@acme.example");
    const globex = await org("Globex", "ACTIVE", [["gus@globex.example", "ACTIVE"]]);
    const initech = await org("Initech", "ACTIVE", [["ian@initech.example", "ACTIVE"]]);
    const pending = await org("Pending", "INVITED", [["pat@pending.example", "ACTIVE"]]);
    return { m, acme, globex, initech, pending };
  }

  async function sent(w: Awaited<ReturnType<typeof world>>, extra: Record<string, unknown> = {}) {
    const { id, reference } = await createNoticeDraft(w.m, draft({ audience: "SELECTED", organisationIds: [w.acme.id, w.globex.id], ...extra }), request);
    await sendNotice(w.m, { noticeId: id, overrideReason: null }, request);
    return { id, reference };
  }

  it("allocates references without gaps or clashes, even when drafted at once", async () => {
    const { m } = await world();
    const refs = await Promise.all(Array.from({ length: 8 }, () => createNoticeDraft(m, draft(), request)));
    const year = new Date().getUTCFullYear();
    expect(refs.map((r) => r.reference).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `FW-${year}-${String(i + 1).padStart(4, "0")}`));
  });

  it("drafts are maintainers' only, editable until sent, and validated", async () => {
    const w = await world();
    const { id } = await createNoticeDraft(w.m, draft(), request);
    for (const viewer of [ANONYMOUS, w.acme.people[0]!, { ...w.m, secondFactor: false }] as Viewer[]) {
      await expect(getNotice(viewer, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(createNoticeDraft(viewer, draft(), request)).rejects.toBeInstanceOf(NotFoundError);
      await expect(updateNoticeDraft(viewer, id, draft(), request)).rejects.toBeInstanceOf(NotFoundError);
      await expect(sendNotice(viewer, { noticeId: id, overrideReason: null }, request)).rejects.toBeInstanceOf(NotFoundError);
    }
    await updateNoticeDraft(w.m, id, draft({ title: "Renamed", cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" }), request);
    expect(await getNotice(w.m, id)).toMatchObject({ title: "Renamed", state: "DRAFT", cvssScore: 9.3, cveIds: ["CVE-2026-1234"] });
    await expect(updateNoticeDraft(w.m, id, draft({ audience: "SELECTED", organisationIds: ["nope"] }), request)).rejects.toBeInstanceOf(ValidationError);
    expect((await listNotices(w.m)).map((n) => n.title)).toEqual(["Renamed"]);
    // A form opened before someone else's save cannot overwrite it.
    const opened = (await getNotice(w.m, id)).updatedAt;
    await updateNoticeDraft(w.m, id, draft({ title: "Their edit" }), request, opened);
    await expect(updateNoticeDraft(w.m, id, draft({ title: "My stale edit" }), request, opened)).rejects.toThrow(/Someone saved this notice/);
    expect((await getNotice(w.m, id)).title).toBe("Their edit");
  });

  it("sending freezes the recipients and queues one email per invited or active member and role address — reference and link, no content", async () => {
    const w = await world();
    const preview = await (async () => {
      const { id } = await createNoticeDraft(w.m, draft({ audience: "SELECTED", organisationIds: [w.acme.id, w.globex.id, w.pending.id] }), request);
      return { id, p: await previewSend(w.m, id) };
    })();
    // The invited organisation is not active: it is not addressed, and the preview says so. Invited people are.
    expect(preview.p.targets.map((t) => [t.name, t.people, t.notSignedIn, t.roleAddress, t.emails])).toEqual([
      ["Acme", 3, 3, true, 4],
      ["Globex", 1, 1, false, 1],
    ]);
    expect(preview.p.skipped).toEqual([{ id: w.pending.id, name: "Pending", status: "INVITED" }]);
    expect([preview.p.emails, preview.p.people, preview.p.notSignedIn]).toEqual([5, 4, 4]);
    expect(preview.p.embargo.warnings).toEqual([expect.stringMatching(/No patch/)]);
    const result = await sendNotice(w.m, { noticeId: preview.id, overrideReason: null }, request);
    expect(result).toMatchObject({ organisations: 2, emails: 5 });
    const notice = await getNotice(w.m, preview.id);
    expect(notice.state).toBe("EMBARGOED");
    expect((await db.client.noticeRecipient.findMany({ include: { organisation: true } })).map((r) => r.organisation.name).sort()).toEqual(["Acme", "Globex"]);
    const emails = await db.client.outboxEmail.findMany({ orderBy: { toAddress: "asc" } });
    expect(emails.map((e) => e.toAddress)).toEqual(["ann@acme.example", "bob@acme.example", "gus@globex.example", "ivy@acme.example", "security@acme.example"]);
    for (const e of emails) {
      expect(e.subject).toBe(`[EMBARGOED] Forewarn ${notice.reference}: advance security notice`);
      expect(e.textBody).toContain(`/vendor/notices/${preview.id}`);
      expect(e.textBody).toContain("UTC");
      for (const secret of ["Heap overflow", "parse_header", "Secret", "A crafted header", "Globex", "Acme"]) {
        expect(`${e.subject}\n${e.textBody}`).not.toContain(secret);
      }
    }
    // The disclosure is scheduled with the send.
    const jobs = await db.client.$queryRaw<Array<{ start_after: Date }>>`SELECT start_after FROM pgboss.job WHERE name = 'notice.disclose' AND data->>'noticeId' = ${preview.id}`;
    expect(jobs.map((j) => j.start_after.getTime())).toEqual([notice.disclosureAt.getTime()]);
    await expect(sendNotice(w.m, { noticeId: preview.id, overrideReason: null }, request)).rejects.toBeInstanceOf(ConflictError);
    await expect(updateNoticeDraft(w.m, preview.id, draft(), request)).rejects.toBeInstanceOf(ConflictError);
  });

  it("refuses an embargo over 14 days without a reason, and records the reason when given", async () => {
    const w = await world();
    const { id } = await createNoticeDraft(w.m, draft({ disclosureAt: inDays(20) }), request);
    await expect(sendNotice(w.m, { noticeId: id, overrideReason: null }, request)).rejects.toThrow(/more than 14 days/);
    expect(await db.client.outboxEmail.count()).toBe(0);
    await sendNotice(w.m, { noticeId: id, overrideReason: "Coordinated with the kernel's release" }, request);
    expect(await db.client.auditEvent.findFirst({ where: { action: "notice.sent" }, select: { details: true } })).toMatchObject({ details: { overrideReason: "Coordinated with the kernel's release" } });
  });

  it("the full text travels only encrypted, to the organisations that have a key", async () => {
    const w = await world();
    const key = await generateKey({ type: "curve25519", userIDs: [{ email: "security@acme.example" }], format: "armored" });
    await db.client.organisation.update({ where: { id: w.acme.id }, data: { pgpPublicKey: key.publicKey } });
    await sent(w, { encryptFullText: "on" });
    const acme = await db.client.outboxEmail.findFirstOrThrow({ where: { toAddress: "ann@acme.example" } });
    const globex = await db.client.outboxEmail.findFirstOrThrow({ where: { toAddress: "gus@globex.example" } });
    expect(acme.encrypted).toBe(true);
    expect(acme.textBody).not.toContain("Heap overflow");
    const { data } = await decrypt({ message: await readMessage({ armoredMessage: acme.textBody! }), decryptionKeys: await readPrivateKey({ armoredKey: key.privateKey }) });
    expect(data).toContain("Heap overflow in parse_header()");
    expect(data).toContain("Secret *details*");
    expect(globex.encrypted).toBe(false);
    expect(globex.textBody).not.toContain("Heap overflow");
  });

  it("who sees a notice: state × addressed or not × member and organisation status", async () => {
    const w = await world();
    const { id } = await sent(w);
    const draftOnly = await createNoticeDraft(w.m, draft({ audience: "SELECTED", organisationIds: [w.acme.id] }), request);
    const [ann] = w.acme.people;
    const gus = w.globex.people[0]!;
    const ian = w.initech.people[0]!;
    const sees = async (viewer: Viewer, noticeId: string) => {
      try {
        await getVendorNotice(viewer, noticeId, request);
        return (await listVendorNotices(viewer)).some((n) => n.id === noticeId);
      } catch (error) {
        if (error instanceof NotFoundError) return (await listVendorNotices(viewer).catch(() => [])).some((n) => n.id === noticeId);
        throw error;
      }
    };
    // Embargoed: both addressed organisations, not the third; never the draft.
    expect([await sees(ann!, id), await sees(gus, id), await sees(ian, id), await sees(ann!, draftOnly.id)]).toEqual([true, true, false, false]);
    await expect(getVendorNotice(ANONYMOUS, id, request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getVendorNotice(w.m, id, request)).rejects.toBeInstanceOf(NotFoundError);
    // A suspended member, and every member of a suspended organisation, see nothing from the next request on.
    await db.client.user.update({ where: { id: ann!.userId }, data: { status: "SUSPENDED" } });
    expect(await sees(ann!, id)).toBe(false);
    expect(await sees(w.acme.people[1]!, id)).toBe(true);
    await db.client.organisation.update({ where: { id: w.acme.id }, data: { status: "SUSPENDED" } });
    expect(await sees(w.acme.people[1]!, id)).toBe(false);
    // Disclosed: still the recipients'; withdrawn: nobody's.
    await db.client.notice.update({ where: { id }, data: { state: "DISCLOSED" } });
    expect(await sees(gus, id)).toBe(true);
    await db.client.notice.update({ where: { id }, data: { state: "EMBARGOED" } });
    await withdrawNotice(w.m, { noticeId: id, reason: "Not a vulnerability after all" }, request);
    expect(await sees(gus, id)).toBe(false);
  });

  it("terms first, then everything; the organisation's view is recorded, other organisations never appear", async () => {
    const w = await world();
    const { id, reference } = await sent(w);
    const gus = w.globex.people[0]!;
    // A member who enrolled a second factor sees nothing until they pass it in this session.
    await expect(getVendorNotice({ ...gus, totpEnrolled: true, secondFactor: false }, id, request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptNoticeTerms({ ...gus, totpEnrolled: true, secondFactor: false }, id, request)).rejects.toBeInstanceOf(NotFoundError);
    const before = await getVendorNotice(gus, id, request);
    expect(before).toMatchObject({ view: "terms", reference, deployBeforeDisclosure: false, patchEmbargoed: false });
    expect(JSON.stringify(before)).not.toContain("Heap overflow");
    expect((await listVendorNotices(gus))[0]).toMatchObject({ reference, title: null });
    await expect(acknowledgeNotice(gus, id, request)).rejects.toThrow(/Accept the embargo terms/);
    await acceptNoticeTerms(gus, id, request);
    await acceptNoticeTerms(gus, id, request);
    expect(await db.client.auditEvent.count({ where: { action: "notice.terms-accepted" } })).toBe(1);
    const after = await getVendorNotice(gus, id, request);
    expect(after.view).toBe("full");
    expect(JSON.stringify(after)).toContain("Heap overflow");
    for (const other of ["Acme", "ann@acme.example", "security@acme.example"]) expect(JSON.stringify(after)).not.toContain(other);
    expect(await db.client.noticeRecipient.findFirst({ where: { organisationId: w.globex.id }, select: { firstViewedAt: true } })).toMatchObject({ firstViewedAt: expect.any(Date) });
    expect(await db.client.noticeRecipient.findFirst({ where: { organisationId: w.acme.id }, select: { firstViewedAt: true } })).toMatchObject({ firstViewedAt: null });
  });

  it("acknowledging is idempotent under 20 concurrent clicks; the first member's counts for the organisation", async () => {
    const w = await world();
    const { id } = await sent(w);
    const [ann, bob] = w.acme.people as [Viewer, Viewer];
    await acceptNoticeTerms(ann, id, request);
    await acceptNoticeTerms(bob, id, request);
    const results = await Promise.all(Array.from({ length: 20 }, () => acknowledgeNotice(ann, id, request)));
    expect(new Set(results.map((r) => r.acknowledgedAt.getTime())).size).toBe(1);
    expect(await db.client.noticeAcknowledgement.count()).toBe(1);
    await acknowledgeNotice(bob, id, request);
    const recipient = await db.client.noticeRecipient.findFirstOrThrow({ where: { organisationId: w.acme.id } });
    expect(recipient).toMatchObject({ acknowledgedAt: results[0]!.acknowledgedAt, acknowledgedById: (ann as { userId: string }).userId });
    expect(await db.client.noticeAcknowledgement.count()).toBe(2);
    expect(await db.client.auditEvent.count({ where: { action: "notice.acknowledged" } })).toBe(2);
  });

  it("an acknowledgement for a notice not addressed to the caller's organisation is refused, recorded, and writes nothing", async () => {
    const w = await world();
    const { id } = await sent(w);
    const ian = w.initech.people[0]!;
    await expect(acknowledgeNotice(ian, id, request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptNoticeTerms(ian, id, request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateRecipientStatus(ian, { noticeId: id, feedback: "RECEIVED", statement: null, comment: "" }, request)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.client.noticeAcknowledgement.count()).toBe(0);
    expect(await db.client.noticeTermsAcceptance.count()).toBe(0);
    expect(await db.client.recipientUpdate.count()).toBe(0);
    expect(await db.client.auditEvent.findFirst({ where: { action: "notice.acknowledge-refused" } })).toMatchObject({ actorEmail: "ian@initech.example", targetId: id });
  });

  it("feedback and statements keep their history", async () => {
    const w = await world();
    const { id } = await sent(w);
    const gus = w.globex.people[0]!;
    await acceptNoticeTerms(gus, id, request);
    await updateRecipientStatus(gus, { noticeId: id, feedback: "INVESTIGATING", statement: "UNDER_INVESTIGATION", comment: "" }, request);
    await updateRecipientStatus(gus, { noticeId: id, feedback: "PATCH_TESTED_OK", statement: "FIXED", comment: "Shipped in 4.2.7-1" }, request);
    const view = await getVendorNotice(gus, id, request);
    expect(view.view === "full" && view.recipient).toMatchObject({
      feedback: "PATCH_TESTED_OK",
      statement: "FIXED",
      statementComment: "Shipped in 4.2.7-1",
      history: [
        { feedback: "PATCH_TESTED_OK", statement: "FIXED", by: "gus@globex.example" },
        { feedback: "INVESTIGATING", statement: "UNDER_INVESTIGATION" },
      ],
    });
  });
});
