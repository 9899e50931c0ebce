import { expect, it } from "vitest";
import { generateKey } from "openpgp";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { drainOutbox, recordSentMail } from "@/test/mail";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { DirectoryFilterSchema } from "./schemas";
import {
  createOrganisation,
  exportDirectoryCsv,
  getMyOrganisation,
  getOrganisation,
  inviteMaintainer,
  inviteMember,
  listOrganisations,
  previewDirectoryImport,
  removeMaintainer,
  removeOrganisationKey,
  setMemberStatus,
  setOrganisationKey,
  setOrganisationStatus,
  updateOrganisation,
} from "./data";

const request = { ip: "192.0.2.30", userAgent: "vitest" };
const sent = recordSentMail();

describeEachDatabase("directory", (db) => {
  /** A maintainer and two organisations with one active member each, both signed in. */
  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const acme = await createOrganisation(m, { name: "Acme", roleAddress: "security@acme.example", notes: "secret note" }, request);
    const globex = await createOrganisation(m, { name: "Globex", roleAddress: null, notes: "" }, request);
    await setOrganisationStatus(m, acme.id, "ACTIVE", request);
    await setOrganisationStatus(m, globex.id, "ACTIVE", request);
    const ann = await inviteMember(m, { organisationId: acme.id, email: "ann@acme.example", name: "Ann" }, request);
    const gus = await inviteMember(m, { organisationId: globex.id, email: "gus@globex.example", name: null }, request);
    await db.client.user.updateMany({ data: { status: "ACTIVE" }, where: { role: "VENDOR" } });
    const far = new Date(Date.now() + 3_600_000);
    for (const [i, userId] of [ann.userId, ann.userId, gus.userId].entries()) {
      await db.client.session.create({ data: { sessionToken: `s${i}`, userId, expires: far, absoluteExpiresAt: far } });
    }
    const annViewer = vendor({ id: ann.userId, email: "ann@acme.example" }, { id: acme.id, name: "Acme" });
    return { m, acme, globex, ann, gus, annViewer };
  }

  it("creates, lists, searches and edits organisations; names are unique", async () => {
    const { m, acme } = await world();
    expect((await listOrganisations(m, {})).map((o) => o.name)).toEqual(["Acme", "Globex"]);
    expect((await listOrganisations(m, { q: "ann@" })).map((o) => o.name)).toEqual(["Acme"]);
    expect((await listOrganisations(m, { q: "GLOB" })).map((o) => o.name)).toEqual(["Globex"]);
    // A NUL in the query string (which PostgreSQL takes in no text value) finds what the rest of the text finds.
    expect((await listOrganisations(m, DirectoryFilterSchema.parse({ q: "ann\u0000@" }))).map((o) => o.name)).toEqual(["Acme"]);
    await expect(createOrganisation(m, { name: "Acme", roleAddress: null, notes: "" }, request)).rejects.toBeInstanceOf(ConflictError);
    await updateOrganisation(m, acme.id, { name: "Acme Corp", roleAddress: null, notes: "n" }, request);
    expect(await getOrganisation(m, acme.id)).toMatchObject({ name: "Acme Corp", roleAddress: null, notes: "n" });
    const audit = await db.client.auditEvent.findFirst({ where: { action: "directory.organisation.updated" } });
    expect(audit?.details).toEqual({ changed: ["name", "roleAddress", "notes"] });
    // Encrypted patches as attachments: saved and audited when changed; left as it is when not given.
    await updateOrganisation(m, acme.id, { name: "Acme Corp", roleAddress: null, notes: "n", attachFilesEncrypted: true }, request);
    expect(await getOrganisation(m, acme.id)).toMatchObject({ attachFilesEncrypted: true });
    const latest = await db.client.auditEvent.findFirst({ where: { action: "directory.organisation.updated" }, orderBy: { seq: "desc" } });
    expect(latest?.details).toEqual({ changed: ["attachFilesEncrypted"] });
    await updateOrganisation(m, acme.id, { name: "Acme Corp", roleAddress: null, notes: "n2" }, request);
    expect(await getOrganisation(m, acme.id)).toMatchObject({ attachFilesEncrypted: true, notes: "n2" });
  });

  it("suspending an organisation ends its members' sessions in the same step, and only theirs", async () => {
    const { m, acme, ann, gus } = await world();
    expect(await setOrganisationStatus(m, acme.id, "SUSPENDED", request)).toEqual({ sessionsEnded: 2 });
    expect(await db.client.session.count({ where: { userId: ann.userId } })).toBe(0);
    expect(await db.client.session.count({ where: { userId: gus.userId } })).toBe(1);
    await expect(setOrganisationStatus(m, acme.id, "SUSPENDED", request)).rejects.toBeInstanceOf(ConflictError);
  });

  it("suspending a member ends their sessions; reactivating does not bring them back; transitions are checked", async () => {
    const { m, ann } = await world();
    expect(await setMemberStatus(m, ann.userId, "SUSPENDED", request)).toEqual({ sessionsEnded: 2 });
    expect(await setMemberStatus(m, ann.userId, "ACTIVE", request)).toEqual({ sessionsEnded: 0 });
    await setMemberStatus(m, ann.userId, "REMOVED", request);
    await expect(setMemberStatus(m, ann.userId, "ACTIVE", request)).rejects.toBeInstanceOf(ConflictError);
  });

  it("invites: one organisation per person; never a maintainer's address; a removed member can be invited again", async () => {
    const { m, acme, globex, ann } = await world();
    // Invitations are queued in the outbox with the membership change; a worker sends them.
    expect(sent).toEqual([]);
    expect(await db.client.outboxEmail.count({ where: { status: "QUEUED" } })).toBe(2);
    await drainOutbox(db.client);
    expect(sent.map((s) => s.to)).toEqual(["ann@acme.example", "gus@globex.example"]);
    expect(sent[0]!.text).toContain("Acme");
    await expect(inviteMember(m, { organisationId: globex.id, email: "ann@acme.example", name: null }, request)).rejects.toThrow(/another organisation/);
    await expect(inviteMember(m, { organisationId: acme.id, email: "m@project.example", name: null }, request)).rejects.toThrow(/maintainer/);
    await expect(inviteMember(m, { organisationId: acme.id, email: "ann@acme.example", name: null }, request)).rejects.toThrow(/already a member/);
    await db.client.user.update({ where: { id: ann.userId }, data: { totpSecret: "v1.x", totpEnabledAt: new Date() } });
    await db.client.recoveryCode.create({ data: { userId: ann.userId, codeHash: "h" } });
    await setMemberStatus(m, ann.userId, "REMOVED", request);
    await inviteMember(m, { organisationId: acme.id, email: "ann@acme.example", name: null }, request);
    // Invited again, she starts afresh: the second factor she may have lost is gone.
    expect(await db.client.user.findUniqueOrThrow({ where: { id: ann.userId }, select: { status: true, totpSecret: true, totpEnabledAt: true } })).toEqual({ status: "INVITED", totpSecret: null, totpEnabledAt: null });
    expect(await db.client.recoveryCode.count({ where: { userId: ann.userId } })).toBe(0);
    await expect(inviteMember(m, { organisationId: "nope", email: "x@acme.example", name: null }, request)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("inviting an address that sent a report makes its account a member's or a maintainer's; the person keeps their own reports", async () => {
    const { m, acme } = await world();
    const far = new Date(Date.now() + 3_600_000);
    const reporters = [];
    for (const email of ["rita@acme.example", "rob@elsewhere.example"]) {
      const user = await db.client.user.create({ data: { email, name: "R", role: "REPORTER", status: "ACTIVE" } });
      await db.client.report.create({ data: { reference: `R-2026-${email.slice(0, 3)}`, status: "RECEIVED", reporterId: user.id, summary: "Overflow", details: "d", reporterName: "R", confirmedAt: new Date() } });
      await db.client.session.create({ data: { sessionToken: `rep-${email}`, userId: user.id, expires: far, absoluteExpiresAt: far } });
      reporters.push(user);
    }
    const [rita, rob] = reporters as [(typeof reporters)[number], (typeof reporters)[number]];
    // Before: "already a member" and "already a maintainer" were answered, and the address could never be invited.
    const { userId } = await inviteMember(m, { organisationId: acme.id, email: "rita@acme.example", name: "Rita" }, request);
    expect(userId).toBe(rita.id);
    await inviteMaintainer(m, { email: "rob@elsewhere.example", name: null }, request);
    expect(await db.client.user.findMany({ where: { id: { in: [rita.id, rob.id] } }, orderBy: { email: "asc" }, select: { email: true, role: true, status: true } })).toEqual([
      { email: "rita@acme.example", role: "VENDOR", status: "INVITED" },
      { email: "rob@elsewhere.example", role: "MAINTAINER", status: "INVITED" },
    ]);
    // The reporter's sessions end: the next sign-in goes through the new role's checks.
    expect(await db.client.session.count({ where: { userId: { in: [rita.id, rob.id] } } })).toBe(0);
    expect(await db.client.report.count({ where: { reporterId: { in: [rita.id, rob.id] } } })).toBe(2);
    const events = await db.client.auditEvent.findMany({ where: { action: { in: ["directory.member.invited", "directory.maintainer.invited"] }, targetId: { in: [rita.id, rob.id] } }, select: { details: true } });
    expect(events.map((e) => (e.details as { formerRole?: string }).formerRole)).toEqual(["REPORTER", "REPORTER"]);
    // Once converted, the usual rules apply again.
    await expect(inviteMember(m, { organisationId: acme.id, email: "rita@acme.example", name: null }, request)).rejects.toThrow(/already a member/);
    await expect(inviteMaintainer(m, { email: "rob@elsewhere.example", name: null }, request)).rejects.toThrow(/already a maintainer/);
  });

  it("keeps validated OpenPGP keys with fingerprint and expiry, and removes them", async () => {
    const { m, acme } = await world();
    const { publicKey } = await generateKey({ type: "curve25519", userIDs: [{ email: "security@acme.example" }], format: "armored", keyExpirationTime: 86400 * 30 });
    const key = await setOrganisationKey(m, acme.id, publicKey, request);
    expect(await getOrganisation(m, acme.id)).toMatchObject({ pgpFingerprint: key.fingerprint, pgpExpiresAt: key.expiresAt });
    await expect(setOrganisationKey(m, acme.id, "garbage", request)).rejects.toBeInstanceOf(ValidationError);
    expect((await getOrganisation(m, acme.id))?.pgpFingerprint).toBe(key.fingerprint); // a bad key changes nothing
    await removeOrganisationKey(m, acme.id, request);
    expect((await getOrganisation(m, acme.id))?.pgpFingerprint).toBeNull();
  });

  it("the last maintainer cannot be removed, nor can one remove oneself", async () => {
    const { m } = await world();
    await inviteMaintainer(m, { email: "second@project.example", name: null }, request);
    const second = await db.client.user.findUniqueOrThrow({ where: { email: "second@project.example" } });
    await removeMaintainer(m, second.id, request); // an invited one: fine
    await expect(removeMaintainer(m, m.userId, request)).rejects.toThrow(/yourself/);
    await expect(inviteMaintainer(m, { email: "ann@acme.example", name: null }, request)).rejects.toThrow(/vendor member/);
    const other = maintainer(await db.client.user.create({ data: { email: "o@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    await removeMaintainer(other, m.userId, request);
    await expect(removeMaintainer(maintainer({ id: "x", email: "x@p.example" }), other.userId, request)).rejects.toThrow(/last maintainer/);
  });

  it("is invisible to vendors and anonymous visitors; a vendor sees only their own organisation's name and status", async () => {
    const { acme, globex, ann, annViewer } = await world();
    const calls = [
      () => listOrganisations(annViewer, {}),
      () => getOrganisation(annViewer, acme.id),
      () => createOrganisation(annViewer, { name: "X", roleAddress: null, notes: "" }, request),
      () => setOrganisationStatus(annViewer, globex.id, "SUSPENDED", request),
      () => setMemberStatus(annViewer, ann.userId, "SUSPENDED", request),
      () => inviteMember(annViewer, { organisationId: acme.id, email: "z@acme.example", name: null }, request),
      () => exportDirectoryCsv(annViewer, request),
      () => previewDirectoryImport(annViewer, "organisation\nX\n"),
    ];
    for (const call of calls) await expect(call()).rejects.toBeInstanceOf(NotFoundError);
    for (const call of [() => listOrganisations(ANONYMOUS, {}), () => getMyOrganisation(ANONYMOUS)]) await expect(call()).rejects.toBeInstanceOf(NotFoundError);
    expect(await getMyOrganisation(annViewer)).toEqual({ name: "Acme", status: "ACTIVE" });
    // A forged viewer claiming another organisation gets nothing: membership is checked in the query.
    await expect(getMyOrganisation({ ...annViewer, organisationId: globex.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.client.organisation.count()).toBe(2);
  });
});
