// Organisation admins through the real data layer, on PGlite and PostgreSQL: a maintainer makes admins; an admin
// invites, suspends and removes colleagues of their own organisation only; approval; the last admin stays.
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { drainOutbox, recordSentMail } from "@/test/mail";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { ANONYMOUS, type Viewer } from "@/lib/server/viewer-types";
import { findEligibleAccount, resolveSession, viewerFromSession } from "@/lib/auth/data";
import { hashSessionToken } from "@/lib/auth/tokens";
import {
  approveColleague,
  declineColleague,
  getOrganisation,
  inviteColleague,
  inviteMember,
  listMyColleagues,
  listPendingColleagues,
  setColleagueStatus,
  setMemberAdmin,
  setMemberStatus,
} from "./data";
import { NOT_INVITABLE } from "./policy";

const request = { ip: "192.0.2.31", userAgent: "vitest" };
const sent = recordSentMail();

describeEachDatabase("organisation admins", (db) => {
  /** A maintainer; Acme with Ann (made admin by the maintainer) and Bob; Globex with Gus. All active, all signed in. */
  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const person = async (email: string, organisationId: string) =>
      db.client.user.create({ data: { email, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId, invitedById: m.userId } } } });
    const acme = await db.client.organisation.create({ data: { name: "Acme", status: "ACTIVE" } });
    const globex = await db.client.organisation.create({ data: { name: "Globex", status: "ACTIVE" } });
    const ann = await person("ann@acme.example", acme.id);
    const bob = await person("bob@acme.example", acme.id);
    const gus = await person("gus@globex.example", globex.id);
    const far = new Date(Date.now() + 3_600_000);
    for (const u of [ann, bob, gus]) await db.client.session.create({ data: { sessionToken: hashSessionToken(`s-${u.id}`), userId: u.id, expires: far, absoluteExpiresAt: far } });
    await setMemberAdmin(m, ann.id, true, request);
    const annV = vendor(ann, acme, { orgAdmin: true });
    const bobV = vendor(bob, acme);
    const gusV = vendor(gus, globex);
    return { m, acme, globex, ann, bob, gus, annV, bobV, gusV };
  }
  const statusOf = async (id: string) => (await db.client.user.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
  const approval = (on: boolean) => db.client.projectSettings.upsert({ where: { id: 1 }, create: { id: 1, name: "Test project", slug: "test", publisherName: "Test", publisherNamespace: "https://test.example", osvPrefix: "x_test", approveColleagues: on }, update: { approveColleagues: on } });

  it("a maintainer makes and unmakes admins; the viewer says so at the next request; the last admin stays", async () => {
    const w = await world();
    const session = await resolveSession(`s-${w.ann.id}`);
    expect(viewerFromSession(session!)).toMatchObject({ kind: "vendor", orgAdmin: true });
    expect(viewerFromSession((await resolveSession(`s-${w.bob.id}`))!)).toMatchObject({ orgAdmin: false });
    for (const viewer of [ANONYMOUS, w.annV, w.gusV, { ...w.m, secondFactor: false }] as Viewer[]) {
      await expect(setMemberAdmin(viewer, w.bob.id, true, request)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(setMemberAdmin(w.m, w.m.userId, true, request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(setMemberAdmin(w.m, w.ann.id, false, request)).rejects.toThrow("This is the organisation's last admin. Make another member admin first.");
    await expect(setMemberStatus(w.m, w.ann.id, "REMOVED", request)).rejects.toThrow(/last admin/);
    expect(await statusOf(w.ann.id)).toBe("ACTIVE");
    await setMemberAdmin(w.m, w.bob.id, true, request);
    await setMemberAdmin(w.m, w.ann.id, false, request);
    expect(viewerFromSession((await resolveSession(`s-${w.ann.id}`))!)).toMatchObject({ orgAdmin: false });
    // The maintainer sees who invited each member and that Bob is the admin now.
    const org = await getOrganisation(w.m, w.acme.id);
    expect(org!.memberships.map((x) => [x.user.email, x.isAdmin, x.invitedBy])).toEqual([
      ["ann@acme.example", false, "m@project.example"],
      ["bob@acme.example", true, "m@project.example"],
    ]);
    const events = await db.client.auditEvent.findMany({ where: { action: "directory.member.admin-changed" }, orderBy: { seq: "asc" }, select: { details: true } });
    expect(events.map((e) => (e.details as { admin: boolean }).admin)).toEqual([true, true, false]);
  });

  it("an admin sees their own organisation's people only; anyone else gets not found", async () => {
    const w = await world();
    const mine = await listMyColleagues(w.annV);
    expect(mine.organisation).toBe("Acme");
    expect(mine.members.map((x) => [x.email, x.isAdmin, x.you])).toEqual([
      ["ann@acme.example", true, true],
      ["bob@acme.example", false, false],
    ]);
    expect(JSON.stringify(mine)).not.toMatch(/globex|gus@/i);
    for (const viewer of [ANONYMOUS, w.bobV, w.gusV, w.m, vendor(w.bob, w.acme, { orgAdmin: true })] as Viewer[]) {
      await expect(listMyColleagues(viewer)).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("with approval required, a colleague waits (no email, no sign-in) until a maintainer approves; then invited and emailed", async () => {
    const w = await world();
    const { userId, status } = await inviteColleague(w.annV, { email: "cat@acme.example", name: "Cat" }, request);
    expect(status).toBe("PENDING");
    expect(await statusOf(userId)).toBe("PENDING");
    await drainOutbox(db.client);
    expect(sent).toEqual([]);
    expect(await findEligibleAccount("cat@acme.example")).toBeNull();
    // Even a session row (there is no way to get one) is refused and deleted.
    const far = new Date(Date.now() + 3_600_000);
    await db.client.session.create({ data: { sessionToken: hashSessionToken("s-cat"), userId, expires: far, absoluteExpiresAt: far } });
    expect(await resolveSession("s-cat")).toBeNull();
    expect(await db.client.session.count({ where: { userId } })).toBe(0);

    await expect(inviteMember(w.m, { organisationId: w.acme.id, email: "cat@acme.example", name: null }, request)).rejects.toThrow(/awaiting approval in Acme: approve them/);
    expect(await listPendingColleagues(w.m)).toEqual([expect.objectContaining({ id: userId, email: "cat@acme.example", organisation: { id: w.acme.id, name: "Acme" }, invitedBy: "ann@acme.example" })]);
    for (const viewer of [ANONYMOUS, w.annV, w.gusV] as Viewer[]) {
      await expect(listPendingColleagues(viewer)).rejects.toBeInstanceOf(NotFoundError);
      await expect(approveColleague(viewer, userId, request)).rejects.toBeInstanceOf(NotFoundError);
      await expect(declineColleague(viewer, userId, request)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await statusOf(userId)).toBe("PENDING");
    await approveColleague(w.m, userId, request);
    expect(await statusOf(userId)).toBe("INVITED");
    await expect(approveColleague(w.m, userId, request)).rejects.toBeInstanceOf(ConflictError);
    await expect(declineColleague(w.m, userId, request)).rejects.toBeInstanceOf(ConflictError);
    await drainOutbox(db.client);
    expect(sent.map((x) => [x.to, x.subject])).toEqual([["cat@acme.example", "Invitation: Forewarn's advance security notices for Acme"]]);
    expect(sent[0]!.text).toContain("ann@acme.example added you");
    expect(await findEligibleAccount("cat@acme.example")).not.toBeNull();
    const membership = await db.client.membership.findUniqueOrThrow({ where: { userId } });
    expect(membership).toMatchObject({ organisationId: w.acme.id, invitedById: w.ann.id, approvedById: w.m.userId });
    expect(membership.approvedAt).toBeInstanceOf(Date);
    expect((await getOrganisation(w.m, w.acme.id))!.memberships.find((x) => x.user.id === userId)).toMatchObject({ invitedBy: "ann@acme.example", approvedBy: "m@project.example" });
    expect(await listPendingColleagues(w.m)).toEqual([]);
  });

  it("declining removes the colleague, who was never emailed", async () => {
    const w = await world();
    const { userId } = await inviteColleague(w.annV, { email: "dan@acme.example", name: null }, request);
    await declineColleague(w.m, userId, request);
    expect(await statusOf(userId)).toBe("REMOVED");
    await drainOutbox(db.client);
    expect(sent).toEqual([]);
    expect(await db.client.auditEvent.count({ where: { action: "directory.member.declined", targetId: userId } })).toBe(1);
  });

  it("without required approval the colleague is invited and emailed at once", async () => {
    const w = await world();
    await approval(false);
    const { userId, status } = await inviteColleague(w.annV, { email: "eve@acme.example", name: null }, request);
    expect([status, await statusOf(userId)]).toEqual(["INVITED", "INVITED"]);
    await drainOutbox(db.client);
    expect(sent.map((x) => x.to)).toEqual(["eve@acme.example"]);
  });

  it("inviting: only an admin, only into their own organisation; an existing address anywhere is refused without saying where", async () => {
    const w = await world();
    const users = await db.client.user.count();
    for (const viewer of [ANONYMOUS, w.bobV, w.gusV, w.m, vendor(w.bob, w.acme, { orgAdmin: true })] as Viewer[]) {
      await expect(inviteColleague(viewer, { email: "x@acme.example", name: null }, request)).rejects.toBeInstanceOf(NotFoundError);
    }
    for (const email of ["gus@globex.example", "m@project.example"]) {
      await expect(inviteColleague(w.annV, { email, name: null }, request)).rejects.toThrow(NOT_INVITABLE);
    }
    await expect(inviteColleague(w.annV, { email: "bob@acme.example", name: null }, request)).rejects.toThrow("already a member of your organisation");
    expect(await db.client.user.count()).toBe(users);
    expect(await db.client.membership.count({ where: { organisationId: w.globex.id } })).toBe(1);
  });

  it("every refused address is audited for the maintainers, and an organisation's invitations are bounded per day", async () => {
    const w = await world();
    await approval(true);
    for (const email of ["gus@globex.example", "m@project.example"]) {
      await expect(inviteColleague(w.annV, { email, name: null }, request)).rejects.toThrow(NOT_INVITABLE);
    }
    const refused = await db.client.auditEvent.findMany({ where: { action: "directory.colleague.invite-refused" }, orderBy: { seq: "asc" } });
    expect(refused.map((e) => [e.actorEmail, e.targetId, (e.details as { email: string }).email])).toEqual([
      ["ann@acme.example", w.acme.id, "gus@globex.example"],
      ["ann@acme.example", w.acme.id, "m@project.example"],
    ]);
    for (let i = 0; i < 18; i++) await inviteColleague(w.annV, { email: `c${i}@acme.example`, name: null }, request);
    const users = await db.client.user.count();
    await expect(inviteColleague(w.annV, { email: "one-more@acme.example", name: null }, request)).rejects.toThrow("Your organisation has invited 20 colleagues today");
    expect(await db.client.user.count()).toBe(users);
  });

  it("a colleague of an organisation suspended meanwhile is not approved (the invitation would name it)", async () => {
    const w = await world();
    await approval(true);
    const { userId } = await inviteColleague(w.annV, { email: "cat@acme.example", name: null }, request);
    await db.client.organisation.update({ where: { id: w.acme.id }, data: { status: "SUSPENDED" } });
    await expect(approveColleague(w.m, userId, request)).rejects.toThrow("This organisation is suspended or removed");
    expect(await statusOf(userId)).toBe("PENDING");
    await drainOutbox(db.client);
    expect(sent.filter((x) => x.to === "cat@acme.example")).toEqual([]);
  });

  it("an admin suspends and removes colleagues of their own organisation (sessions end at once); others' people and maintainers are not found", async () => {
    const w = await world();
    const before = await db.client.user.findMany({ orderBy: { email: "asc" }, select: { email: true, status: true } });
    for (const target of [w.gus.id, w.m.userId, "no-such-user"]) {
      await expect(setColleagueStatus(w.annV, target, "SUSPENDED", request)).rejects.toBeInstanceOf(NotFoundError);
      await expect(setColleagueStatus(w.annV, target, "REMOVED", request)).rejects.toBeInstanceOf(NotFoundError);
    }
    for (const viewer of [ANONYMOUS, w.bobV, w.gusV, w.m] as Viewer[]) {
      await expect(setColleagueStatus(viewer, w.bob.id, "SUSPENDED", request)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await db.client.user.findMany({ orderBy: { email: "asc" }, select: { email: true, status: true } })).toEqual(before);
    expect(await db.client.session.count({ where: { userId: w.gus.id } })).toBe(1);

    await expect(setColleagueStatus(w.annV, w.ann.id, "SUSPENDED", request)).rejects.toThrow("You cannot suspend yourself.");
    await expect(setColleagueStatus(w.annV, w.ann.id, "REMOVED", request)).rejects.toThrow(/last admin/);
    expect(await setColleagueStatus(w.annV, w.bob.id, "SUSPENDED", request)).toEqual({ sessionsEnded: 1 });
    expect(await resolveSession(`s-${w.bob.id}`)).toBeNull();
    await expect(setColleagueStatus(w.annV, w.bob.id, "SUSPENDED", request)).rejects.toBeInstanceOf(ConflictError);
    await setColleagueStatus(w.annV, w.bob.id, "REMOVED", request);
    expect(await statusOf(w.bob.id)).toBe("REMOVED");
    expect(await db.client.auditEvent.count({ where: { action: "directory.colleague.status-changed", actorId: w.ann.id } })).toBe(2);

    // A demotion takes effect on the next write, whatever the viewer object still says.
    const { userId: cat } = await inviteColleague(w.annV, { email: "cat@acme.example", name: null }, request);
    await approveColleague(w.m, cat, request);
    await setMemberAdmin(w.m, cat, true, request);
    await setMemberAdmin(w.m, w.ann.id, false, request);
    await expect(setColleagueStatus(w.annV, cat, "SUSPENDED", request)).rejects.toBeInstanceOf(NotFoundError);
    // With another admin, an admin may leave.
    const catV = vendor({ id: cat, email: "cat@acme.example" }, w.acme, { orgAdmin: true });
    await db.client.user.update({ where: { id: cat }, data: { status: "ACTIVE" } });
    await setMemberAdmin(w.m, w.ann.id, true, request);
    await setColleagueStatus(catV, cat, "REMOVED", request);
    expect(await statusOf(cat)).toBe("REMOVED");
  });

  it("two admins removing each other at once leave one", async () => {
    const w = await world();
    await setMemberAdmin(w.m, w.bob.id, true, request);
    const bobAdmin = vendor(w.bob, w.acme, { orgAdmin: true });
    const results = await Promise.allSettled([setColleagueStatus(w.annV, w.bob.id, "REMOVED", request), setColleagueStatus(bobAdmin, w.ann.id, "REMOVED", request)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.client.membership.count({ where: { organisationId: w.acme.id, isAdmin: true, user: { status: "ACTIVE" } } })).toBe(1);
  });
});
