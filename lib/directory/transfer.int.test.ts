import { expect, it } from "vitest";
import { generateKey } from "openpgp";
import { describeEachDatabase, truncateAll } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { drainOutbox, recordSentMail } from "@/test/mail";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { Db } from "@/lib/server/db/client";
import { toCsv } from "@/lib/server/csv";
import { DIRECTORY_COLUMNS } from "./csv";
import {
  applyDirectoryImport,
  createOrganisation,
  exportDirectoryCsv,
  inviteMember,
  inviteUninvited,
  listUninvited,
  previewDirectoryImport,
  setOrganisationKey,
  setOrganisationStatus,
  updateOrganisation,
} from "./data";

const request = { ip: "192.0.2.31", userAgent: "vitest" };
const sent = recordSentMail();

/** Everything import and export carry, in a stable order. */
async function snapshot(client: Db) {
  const orgs = await client.organisation.findMany({
    orderBy: { name: "asc" },
    select: {
      name: true,
      status: true,
      roleAddress: true,
      notes: true,
      attachFilesEncrypted: true,
      pgpFingerprint: true,
      pgpExpiresAt: true,
      memberships: { select: { isAdmin: true, user: { select: { email: true, name: true, status: true, role: true } } } },
    },
  });
  return orgs.map((o) => ({ ...o, memberships: [...o.memberships].sort((a, b) => a.user.email.localeCompare(b.user.email)) }));
}

async function invitationsTo(client: Db): Promise<string[]> {
  const rows = await client.outboxEmail.findMany({ where: { dispatch: { purpose: "directory.invitation" } }, select: { toAddress: true }, orderBy: { toAddress: "asc" } });
  return rows.map((r) => r.toAddress);
}

describeEachDatabase("directory import, export and invitations", (db) => {
  async function newMaintainer(email = "m@project.example") {
    return maintainer(await db.client.user.create({ data: { email, role: "MAINTAINER", status: "ACTIVE" } }));
  }

  /** People in every status, organisations in every status, a key, notes that look like formulas and span lines. */
  async function fullDirectory() {
    const m = await newMaintainer();
    const acme = await createOrganisation(m, { name: "Acme, Inc.", roleAddress: "security@acme.example", notes: "=HYPERLINK(\"x\")\r\nsecond \"line\"\n-dash" }, request);
    await setOrganisationStatus(m, acme.id, "ACTIVE", request);
    const { publicKey } = await generateKey({ type: "curve25519", userIDs: [{ email: "security@acme.example" }], format: "armored", keyExpirationTime: 86400 * 90 });
    const key = await setOrganisationKey(m, acme.id, publicKey, request);
    await updateOrganisation(m, acme.id, { name: "Acme, Inc.", roleAddress: "security@acme.example", notes: "=HYPERLINK(\"x\")\r\nsecond \"line\"\n-dash", attachFilesEncrypted: true }, request);
    const globex = await createOrganisation(m, { name: "Globex", roleAddress: null, notes: "" }, request);
    await setOrganisationStatus(m, globex.id, "SUSPENDED", request);
    const initech = await createOrganisation(m, { name: "Initech", roleAddress: "sec@initech.example", notes: "gone" }, request);
    await createOrganisation(m, { name: "Ünïcode Ltd", roleAddress: null, notes: "" }, request);
    const people = [
      { org: acme.id, email: "ann@acme.example", name: "Ann, the admin", status: "ACTIVE", isAdmin: true },
      { org: acme.id, email: "bob@acme.example", name: null, status: "INVITED", isAdmin: false },
      { org: acme.id, email: "pat@acme.example", name: "Pat", status: "PENDING", isAdmin: false },
      { org: acme.id, email: "sue@acme.example", name: "+Sue", status: "SUSPENDED", isAdmin: true },
      { org: initech.id, email: "ian@initech.example", name: "Ian", status: "REMOVED", isAdmin: false },
    ] as const;
    for (const p of people) {
      await db.client.user.create({ data: { email: p.email, name: p.name, role: "VENDOR", status: p.status, membership: { create: { organisationId: p.org, isAdmin: p.isAdmin } } } });
    }
    await setOrganisationStatus(m, initech.id, "REMOVED", request);
    return { m, acme, globex, key };
  }

  it("an export re-imports into an empty instance without loss: organisations, people, admins, notes, keys", async () => {
    const { m, key } = await fullDirectory();
    const before = await snapshot(db.client);
    expect(before.find((o) => o.name === "Acme, Inc.")).toMatchObject({ pgpFingerprint: key.fingerprint, attachFilesEncrypted: true });
    expect(before.filter((o) => o.attachFilesEncrypted).map((o) => o.name)).toEqual(["Acme, Inc."]);
    const csv = await exportDirectoryCsv(m, request);
    expect(csv.split("\r\n")[0]).toContain("pgp_fingerprint,attach_files_encrypted,member_email");

    await truncateAll(db.client);
    const fresh = await newMaintainer("other@project.example");
    const preview = await previewDirectoryImport(fresh, csv);
    expect(preview.problems).toEqual([]);
    expect(preview.counts).toEqual({ create: 7, update: 0, unchanged: 0 });
    // Only bob is INVITED in an invitable organisation: the one person an invitation would go to.
    expect(preview.invitees).toEqual([{ email: "bob@acme.example", organisation: "Acme, Inc." }]);
    await applyDirectoryImport(fresh, csv, { token: preview.token, invite: false }, request);

    expect(await snapshot(db.client)).toEqual(before);
    expect(await invitationsTo(db.client)).toEqual([]);
    // The same file again changes nothing.
    expect((await previewDirectoryImport(fresh, csv)).counts).toEqual({ create: 0, update: 0, unchanged: 7 });
    expect(await db.client.auditEvent.findFirst({ where: { action: "directory.imported" }, select: { details: true } })).toMatchObject({ details: { create: 7, invited: 0 } });
  });

  it("the preview says what each row does and who would be emailed; nothing is written or sent before the confirm", async () => {
    const { m } = await fullDirectory();
    const file = [
      "organisation,organisation_status,role_address,member_email,member_name,member_status,member_admin",
      "Acme, Inc.,,,bob@acme.example,Bob,,", // update (name)
      "Acme, Inc.,,,ann@acme.example,,,", // unchanged
      "Acme, Inc.,,,new@acme.example,,,yes", // create → invited
      "Hooli,,sec@hooli.example,h1@hooli.example,,,", // create org and member → invited
      "Hooli,,,h2@hooli.example,,pending,", // pending: never emailed
      "Hooli,,,h3@hooli.example,,active,", // active: no invitation needed
      "Pied Piper,suspended,,p1@pp.example,,,", // a suspended organisation: nobody emailed
      "Globex,,,,,,",
    ]
      .join("\n")
      .replace(/^Acme, Inc\./gm, '"Acme, Inc."');
    const before = await snapshot(db.client);
    const preview = await previewDirectoryImport(m, file);
    expect(preview.problems).toEqual([]);
    expect(preview.outcomes.map((o) => [o.row, o.action])).toEqual([
      [2, "update"],
      [3, "unchanged"],
      [4, "create"],
      [5, "create"],
      [6, "create"],
      [7, "create"],
      [8, "create"],
      [9, "unchanged"],
    ]);
    expect(preview.outcomes[0]!.changes).toEqual(['name of bob@acme.example (none) → "Bob"']);
    expect(preview.invitees).toEqual([
      { email: "new@acme.example", organisation: "Acme, Inc." },
      { email: "h1@hooli.example", organisation: "Hooli" },
    ]);
    expect(await snapshot(db.client)).toEqual(before);
    expect(await invitationsTo(db.client)).toEqual([]);

    const done = await applyDirectoryImport(m, file, { token: preview.token, invite: true }, request);
    expect(done.invited).toBe(2);
    expect(await invitationsTo(db.client)).toEqual(["h1@hooli.example", "new@acme.example"]);
    await drainOutbox(db.client);
    expect(sent.map((s) => s.to).sort()).toEqual(["h1@hooli.example", "new@acme.example"]);
    const hooli = await db.client.organisation.findUniqueOrThrow({ where: { name: "Hooli" }, select: { status: true, roleAddress: true, _count: { select: { memberships: true } } } });
    expect(hooli).toEqual({ status: "INVITED", roleAddress: "sec@hooli.example", _count: { memberships: 3 } });
    expect(await db.client.membership.findFirst({ where: { user: { email: "new@acme.example" } }, select: { isAdmin: true, invitedById: true } })).toEqual({ isAdmin: true, invitedById: m.userId });

    // The same confirm again (a double click) is stale: nothing more is written or sent.
    await expect(applyDirectoryImport(m, file, { token: preview.token, invite: true }, request)).rejects.toThrow(/changed since your preview/);
    expect(await invitationsTo(db.client)).toHaveLength(2);
  });

  it("updates what a file changes: a suspension ends sessions at once, the admin flag moves, empty cells change nothing", async () => {
    const { m } = await fullDirectory();
    const ann = await db.client.user.findUniqueOrThrow({ where: { email: "ann@acme.example" }, select: { id: true } });
    const far = new Date(Date.now() + 3_600_000);
    await db.client.session.create({ data: { sessionToken: "s-ann", userId: ann.id, expires: far, absoluteExpiresAt: far } });
    const file = '"organisation",organisation_status,notes,member_email,member_admin\n"Acme, Inc.",suspended,,ann@acme.example,no\n"Acme, Inc.",,,bob@acme.example,yes\n';
    const preview = await previewDirectoryImport(m, file);
    expect(preview.outcomes.map((o) => o.changes)).toEqual([["status active → suspended", "ann@acme.example is no longer organisation admin"], ["bob@acme.example becomes organisation admin"]]);
    await applyDirectoryImport(m, file, { token: preview.token, invite: false }, request);
    expect(await db.client.session.count({ where: { userId: ann.id } })).toBe(0);
    const after = (await snapshot(db.client)).find((o) => o.name === "Acme, Inc.")!;
    expect(after).toMatchObject({ status: "SUSPENDED", roleAddress: "security@acme.example", notes: expect.stringContaining("second") });
    expect(after.memberships.filter((x) => x.isAdmin).map((x) => x.user.email)).toEqual(["bob@acme.example", "sue@acme.example"]);
    expect(await db.client.auditEvent.findFirst({ where: { action: "directory.imported" }, select: { details: true } })).toMatchObject({ details: { update: 2, sessionsEnded: 1 } });
  });

  it("attach_files_encrypted: yes or no sets an organisation's encrypted attachments, empty leaves them, anything else is a problem", async () => {
    const { m } = await fullDirectory();
    const file = 'organisation,attach_files_encrypted\n"Acme, Inc.",no\nGlobex,yes\nInitech,\nNewco,yes\n';
    const preview = await previewDirectoryImport(m, file);
    expect(preview.problems).toEqual([]);
    expect(preview.outcomes.map((o) => [o.organisation, o.action, o.changes])).toEqual([
      ["Acme, Inc.", "update", ["no longer files as encrypted attachments"]],
      ["Globex", "update", ["files as encrypted attachments"]],
      ["Initech", "unchanged", []],
      ["Newco", "create", ["new organisation (invited)", "files as encrypted attachments"]],
    ]);
    await applyDirectoryImport(m, file, { token: preview.token, invite: false }, request);
    const flags = await db.client.organisation.findMany({ orderBy: { name: "asc" }, select: { name: true, attachFilesEncrypted: true } });
    expect(flags).toEqual([
      { name: "Acme, Inc.", attachFilesEncrypted: false },
      { name: "Globex", attachFilesEncrypted: true },
      { name: "Initech", attachFilesEncrypted: false },
      { name: "Newco", attachFilesEncrypted: true },
      { name: "Ünïcode Ltd", attachFilesEncrypted: false },
    ]);
    const bad = await previewDirectoryImport(m, "organisation,attach_files_encrypted\nAcme,maybe\nGlobex,yes\nGlobex,no\n");
    expect(bad.problems.map((p) => [p.row, p.message.split(" ")[0]])).toEqual([
      [2, "attach_files_encrypted"],
      [4, "attach_files_encrypted"],
    ]);
  });

  it("an old export re-imported never lifts a suspension or a removal, nor makes a suspended person admin", async () => {
    const { m } = await fullDirectory();
    const before = await snapshot(db.client);
    // Globex is suspended and Sue is suspended in the directory; the file says otherwise.
    const file = '"organisation",organisation_status,member_email,member_status,member_admin\nGlobex,active,,,\n"Acme, Inc.",,sue@acme.example,active,\n"Acme, Inc.",,ann@acme.example,,\n';
    const preview = await previewDirectoryImport(m, file);
    expect(preview.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^organisation_status: Globex is suspended, and an import never lifts that/),
      expect.stringMatching(/^member_status: sue@acme.example is suspended, and an import never lifts that/),
    ]);
    await expect(applyDirectoryImport(m, file, { token: preview.token, invite: false }, request)).rejects.toThrow();
    expect(await snapshot(db.client)).toEqual(before);
  });

  it("a confirm whose preview is stale is refused, and changes nothing", async () => {
    const { m, acme } = await fullDirectory();
    const file = '"organisation",role_address,member_email\n"Acme, Inc.",new-sec@acme.example,zed@acme.example\n';
    const preview = await previewDirectoryImport(m, file);
    expect(preview.outcomes[0]).toMatchObject({ action: "create", changes: ["role address security@acme.example → new-sec@acme.example", "new member zed@acme.example (invited)"] });
    await updateOrganisation(m, acme.id, { name: "Acme, Inc.", roleAddress: "other@acme.example", notes: "" }, request);
    const before = await snapshot(db.client);
    await expect(applyDirectoryImport(m, file, { token: preview.token, invite: true }, request)).rejects.toBeInstanceOf(ConflictError);
    expect(await snapshot(db.client)).toEqual(before);
    expect(await invitationsTo(db.client)).toEqual([]);
  });

  it("one bad row: every problem named by row and column, nothing imported, nobody emailed", async () => {
    const { m } = await fullDirectory();
    const good = ["New Org", "", "", "", "", "", "", "n1@new.example", "", "", ""];
    const file = toCsv([...DIRECTORY_COLUMNS], [
      good,
      ["Acme, Inc.", "", "", "", "", "", "", "x@new.example", "", "", ""],
      ["Other", "", "", "", "", "", "", "ann@acme.example", "", "", ""], // belongs to Acme
      ["Another", "", "", "", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbroken\n-----END PGP PUBLIC KEY BLOCK-----", "", "", "", "", "", ""],
      ["Acme, Inc.", "", "", "", "", "", "", "bob@acme.example", "", "active", ""], // INVITED cannot become ACTIVE by import
      ["Initech", "", "", "", "", "", "", "fresh@initech.example", "", "", ""], // removed organisation
      ["acme, inc.", "", "", "", "", "", "", "", "", "", ""],
    ]);
    const preview = await previewDirectoryImport(m, file);
    expect(preview.problems.map((p) => p.row)).toEqual([4, 5, 6, 7, 8]);
    expect(preview.problems.map((p) => p.message.split(" ")[0])).toEqual(["member_email", "pgp_public_key", "member_status:", "Initech", "organisation"]);
    expect(preview.problems[1]!.message).toMatch(/not a readable OpenPGP public key/);
    const before = await snapshot(db.client);
    await expect(applyDirectoryImport(m, file, { token: preview.token, invite: true }, request)).rejects.toBeInstanceOf(ValidationError);
    expect(await snapshot(db.client)).toEqual(before);
    expect(await invitationsTo(db.client)).toEqual([]);
    expect(await db.client.auditEvent.count({ where: { action: "directory.imported" } })).toBe(0);
  });

  it("invites everyone not yet invited: per organisation and for the directory, with the confirmed count, once", async () => {
    const { m, acme, globex } = await fullDirectory();
    // ann (active), pat (pending), sue (suspended), ian (removed organisation and person) are never invited.
    await inviteMember(m, { organisationId: globex.id, email: "gus@globex.example", name: null }, request); // suspended organisation
    const unicode = await db.client.organisation.findUniqueOrThrow({ where: { name: "Ünïcode Ltd" }, select: { id: true } });
    await inviteMember(m, { organisationId: unicode.id, email: "uma@unicode.example", name: null }, request); // invited just now
    await db.client.user.create({ data: { email: "una@unicode.example", role: "VENDOR", status: "INVITED", membership: { create: { organisationId: unicode.id } } } });
    expect(await invitationsTo(db.client)).toEqual(["gus@globex.example", "uma@unicode.example"]);

    expect((await listUninvited(m, acme.id)).map((p) => p.email)).toEqual(["bob@acme.example"]);
    expect((await listUninvited(m, null)).map((p) => p.email)).toEqual(["bob@acme.example", "una@unicode.example"]);
    // Eight days on, uma's invitation is old enough to be sent again.
    expect((await listUninvited(m, null, new Date(Date.now() + 8 * 86_400_000))).map((p) => p.email)).toEqual(["bob@acme.example", "uma@unicode.example", "una@unicode.example"]);
    await expect(inviteUninvited(m, { organisationId: globex.id, expected: 1 }, request)).rejects.toThrow(/suspended/);

    expect(await inviteUninvited(m, { organisationId: acme.id, expected: 1 }, request)).toEqual({ invited: 1 });
    expect(await inviteUninvited(m, { organisationId: acme.id, expected: 1 }, request)).toEqual({ invited: 0 });
    // The count confirmed no longer matches: refused, nobody emailed.
    await expect(inviteUninvited(m, { organisationId: null, expected: 2 }, request)).rejects.toThrow(/1 person is not yet invited now, not 2/);
    // A double click: two requests at once send one set.
    const both = await Promise.all([inviteUninvited(m, { organisationId: null, expected: 1 }, request), inviteUninvited(m, { organisationId: null, expected: 1 }, request)]);
    expect(both.map((b) => b.invited).sort()).toEqual([0, 1]);
    expect(await invitationsTo(db.client)).toEqual(["bob@acme.example", "gus@globex.example", "uma@unicode.example", "una@unicode.example"]);
    expect(await listUninvited(m, null)).toEqual([]);
    const audits = await db.client.auditEvent.findMany({ where: { action: "directory.invitations.sent" }, orderBy: { seq: "asc" }, select: { targetId: true, details: true } });
    expect(audits).toEqual([
      { targetId: acme.id, details: expect.objectContaining({ scope: "organisation", invited: 1 }) },
      { targetId: null, details: expect.objectContaining({ scope: "directory", invited: 1 }) },
    ]);
    await drainOutbox(db.client);
    expect(sent.filter((s) => s.to === "una@unicode.example")).toHaveLength(1);
  });

  it("answers only maintainers with their second factor", async () => {
    const { m, acme } = await fullDirectory();
    const ann = await db.client.user.findUniqueOrThrow({ where: { email: "ann@acme.example" } });
    const annViewer = vendor(ann, { id: acme.id, name: "Acme, Inc." });
    const noFactor = { ...m, secondFactor: false };
    for (const viewer of [annViewer, noFactor]) {
      await expect(listUninvited(viewer, null)).rejects.toBeInstanceOf(NotFoundError);
      await expect(inviteUninvited(viewer, { organisationId: null, expected: 1 }, request)).rejects.toBeInstanceOf(NotFoundError);
      await expect(applyDirectoryImport(viewer, "organisation\nX\n", { token: "t", invite: true }, request)).rejects.toBeInstanceOf(NotFoundError);
      await expect(exportDirectoryCsv(viewer, request)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(listUninvited(m, "no-such-organisation")).rejects.toBeInstanceOf(NotFoundError);
    expect(await invitationsTo(db.client)).toEqual([]);
  });
});
