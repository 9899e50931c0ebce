// API tokens and calendar feeds through the real data layer, on PGlite and PostgreSQL: secrets stored only as hashes,
// a token acting as its owner exactly like their session, and refused the moment it is revoked or expired or its
// owner or organisation is suspended or removed; another organisation's notice is "not found"; rotation.
import ICAL from "ical.js";
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { ANONYMOUS, type VendorViewer, type Viewer } from "@/lib/server/viewer-types";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { setMemberStatus, setOrganisationStatus } from "@/lib/directory/data";
import { createNoticeDraft, getVendorNotice, listVendorNotices, sendNotice } from "@/lib/notices/data";
import { NoticeDraftSchema } from "@/lib/notices/schemas";
import { LIMITS } from "@/lib/rate-limit/policy";
import { MAX_ACTIVE_TOKENS } from "./policy";
import { CreateApiTokenSchema } from "./schemas";
import { calendarForFeed, createApiToken, deleteCalendarFeed, getCalendarFeed, listApiTokens, revokeApiToken, rotateCalendarFeed, viewerFromApiToken } from "./data";

const request = { ip: "192.0.2.60", userAgent: "vitest" };
const use = { ip: "192.0.2.60", route: "GET /api/v1/notices" };
const input = (label = "tracker sync", expiresInDays = "90") => CreateApiTokenSchema.parse({ label, expiresInDays });
const bearer = (secret: string) => `Bearer ${secret}`;
const TITLE = "Heap overflow in parse_header()";

describeEachDatabase("API tokens and calendar feeds", (db) => {
  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const org = async (name: string, email: string) => {
      const o = await db.client.organisation.create({ data: { name, status: "ACTIVE" } });
      const u = await db.client.user.create({ data: { email, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: o.id } } } });
      return { org: o, member: vendor(u, o) };
    };
    const acme = await org("Acme", "ann@acme.example");
    const globex = await org("Globex", "gus@globex.example");
    const send = async (title: string, orgs: string[], days = 5) => {
      const draft = NoticeDraftSchema.parse({ title, disclosureAt: new Date(Date.now() + days * 86_400_000).toISOString(), audience: "SELECTED", organisationIds: orgs });
      const { id, reference } = await createNoticeDraft(m, draft, request);
      await sendNotice(m, { noticeId: id, overrideReason: null }, request);
      return { id, reference };
    };
    const forAcme = await send(TITLE, [acme.org.id]);
    const forGlobex = await send("Globex-only bug", [globex.org.id]);
    return { m, acme, globex, forAcme, forGlobex };
  }

  async function actingAs(secret: string): Promise<VendorViewer | null> {
    const caller = await viewerFromApiToken(bearer(secret), use);
    return caller.ok ? caller.viewer : null;
  }

  it("a new token's secret is returned once and stored only as a hash; the list shows neither", async () => {
    const { acme } = await world();
    const created = await createApiToken(acme.member, input(), request);
    expect(created.secret).toMatch(/^fwt_[A-Za-z0-9_-]{43}$/);
    expect(created.expiresAt.getTime() - Date.now()).toBeGreaterThan(89.9 * 86_400_000);
    const rows = await db.client.$queryRaw<Array<Record<string, unknown>>>`SELECT * FROM "ApiToken"`;
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(created.secret);
    expect(stored).not.toContain(created.secret.slice(8));
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const list = await listApiTokens(acme.member);
    expect(list).toEqual([expect.objectContaining({ id: created.id, label: "tracker sync", prefix: created.secret.slice(0, 8), lastUsedAt: null, status: "active" })]);
    expect(JSON.stringify(list)).not.toContain(created.secret.slice(8));
    expect(list[0]).not.toHaveProperty("tokenHash");
    // The audit log records the creation, never the secret.
    const events = await db.client.auditEvent.findMany({ where: { action: "api.token.created" }, select: { targetId: true, details: true } });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(created.secret.slice(8));
  });

  it("only vendor members in the vendor area hold tokens; a person sees and revokes only their own", async () => {
    const { m, acme, globex } = await world();
    for (const viewer of [ANONYMOUS, m, { ...acme.member, totpEnrolled: true, secondFactor: false }] as Viewer[]) {
      await expect(createApiToken(viewer, input(), request)).rejects.toBeInstanceOf(NotFoundError);
      await expect(listApiTokens(viewer)).rejects.toBeInstanceOf(NotFoundError);
      await expect(rotateCalendarFeed(viewer, request)).rejects.toBeInstanceOf(NotFoundError);
    }
    const mine = await createApiToken(acme.member, input(), request);
    expect(await listApiTokens(globex.member)).toEqual([]);
    await expect(revokeApiToken(globex.member, mine.id, request)).rejects.toBeInstanceOf(NotFoundError);
    expect(await actingAs(mine.secret)).not.toBeNull();
  });

  it("a token acts as its owner exactly like their session: their organisation's notices, another's is not found", async () => {
    const { acme, forAcme, forGlobex } = await world();
    const { secret } = await createApiToken(acme.member, input(), request);
    const viewer = await actingAs(secret);
    expect(viewer).toMatchObject({ kind: "vendor", userId: acme.member.userId, organisationId: acme.org.id, organisationName: "Acme" });
    expect((await listVendorNotices(viewer!)).map((n) => n.reference)).toEqual([forAcme.reference]);
    expect(await getVendorNotice(viewer!, forAcme.id, request)).toMatchObject({ view: "terms", reference: forAcme.reference });
    await expect(getVendorNotice(viewer!, forGlobex.id, request)).rejects.toBeInstanceOf(NotFoundError);
    // Last use is recorded (throttled to a minute).
    const { lastUsedAt } = await db.client.apiToken.findFirstOrThrow({ select: { lastUsedAt: true } });
    expect(lastUsedAt).not.toBeNull();
    await actingAs(secret);
    expect((await db.client.apiToken.findFirstOrThrow({ select: { lastUsedAt: true } })).lastUsedAt).toEqual(lastUsedAt);
  });

  it("revoked, expired, unknown and malformed tokens all get the same refusal; a known one is audited once an hour", async () => {
    const { acme } = await world();
    const revoked = await createApiToken(acme.member, input("old"), request);
    const expired = await createApiToken(acme.member, input("expired"), request);
    await revokeApiToken(acme.member, revoked.id, request);
    await revokeApiToken(acme.member, revoked.id, request); // harmless twice
    await db.client.apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (const header of [bearer(revoked.secret), bearer(expired.secret), bearer(`fwt_${"Z".repeat(43)}`), "Bearer nonsense", bearer(revoked.secret)]) {
      expect(await viewerFromApiToken(header, use)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await viewerFromApiToken(null, use)).toEqual({ ok: false, reason: "missing" });
    const refused = await db.client.auditEvent.findMany({ where: { action: "api.token.refused" }, orderBy: { seq: "asc" } });
    expect(refused.map((e) => [e.targetId, (e.details as { reason: string }).reason])).toEqual([
      [revoked.id, "revoked"],
      [expired.id, "expired"],
    ]);
    expect((await listApiTokens(acme.member)).map((t) => [t.label, t.status])).toEqual([
      ["expired", "expired"],
      ["old", "revoked"],
    ]);
    expect(await db.client.auditEvent.count({ where: { action: "api.token.revoked" } })).toBe(1);
  });

  it("suspending or removing the member, or suspending the organisation, stops the token at once and for good", async () => {
    const { m, acme, globex } = await world();
    const ann = await createApiToken(acme.member, input(), request);
    const gus = await createApiToken(globex.member, input(), request);
    await rotateCalendarFeed(globex.member, request);

    // Even a status changed behind the directory's back is seen on the next call.
    await db.client.user.update({ where: { id: acme.member.userId }, data: { status: "SUSPENDED" } });
    expect(await actingAs(ann.secret)).toBeNull();
    await db.client.user.update({ where: { id: acme.member.userId }, data: { status: "ACTIVE" } });
    expect(await actingAs(ann.secret)).not.toBeNull();

    // Through the directory: revoked for good, a reactivation does not bring it back.
    await setMemberStatus(m, acme.member.userId, "SUSPENDED", request);
    expect(await actingAs(ann.secret)).toBeNull();
    await setMemberStatus(m, acme.member.userId, "ACTIVE", request);
    expect(await actingAs(ann.secret)).toBeNull();
    expect((await listApiTokens(acme.member))[0]!.status).toBe("revoked");

    await setOrganisationStatus(m, globex.org.id, "SUSPENDED", request);
    expect(await actingAs(gus.secret)).toBeNull();
    expect(await db.client.calendarFeed.count()).toBe(0);

    const again = await createApiToken(acme.member, input("new"), request);
    await setMemberStatus(m, acme.member.userId, "REMOVED", request);
    expect(await actingAs(again.secret)).toBeNull();
  });

  it("at most ten active tokens per person", async () => {
    const { acme } = await world();
    const made = [];
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i++) made.push(await createApiToken(acme.member, input(`t${i}`), request));
    await expect(createApiToken(acme.member, input("one more"), request)).rejects.toBeInstanceOf(ConflictError);
    await revokeApiToken(acme.member, made[0]!.id, request);
    await createApiToken(acme.member, input("one more"), request);
  });

  it("calls are limited per token; the refusal says when to retry and is audited once", async () => {
    const { acme } = await world();
    const { secret } = await createApiToken(acme.member, input(), request);
    for (let i = 0; i < LIMITS.apiPerToken.points; i++) expect((await viewerFromApiToken(bearer(secret), use)).ok).toBe(true);
    const refused = await viewerFromApiToken(bearer(secret), use);
    expect(refused).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(refused.ok === false && refused.reason === "rate-limited" && refused.retryAfterSeconds).toBeGreaterThan(0);
    await viewerFromApiToken(bearer(secret), use);
    expect(await db.client.auditEvent.count({ where: { action: "api.rate-limited" } })).toBe(1);
  });

  it("the calendar feed: upcoming disclosures of the member's organisation, reference and time only; rotation and suspension end the old address", async () => {
    const { m, acme, forAcme } = await world();
    expect(await getCalendarFeed(acme.member)).toBeNull();
    const first = await rotateCalendarFeed(acme.member, request);
    expect(first.url).toMatch(/\/calendar\/fwc_[A-Za-z0-9_-]{43}\.ics$/);
    const file = first.url.split("/").at(-1)!;
    expect(JSON.stringify(await db.client.$queryRaw`SELECT * FROM "CalendarFeed"`)).not.toContain(file.slice(4, -4));

    const answer = await calendarForFeed(file, request);
    if (!answer.ok) throw new Error("the feed should answer");
    const events = new ICAL.Component(ICAL.parse(answer.ics)).getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.summary)).toEqual([`Disclosure: ${forAcme.reference}`]);
    // iCalendar times have whole seconds.
    expect(events[0]!.startDate.toJSDate().getTime()).toBe(Math.floor((await db.client.notice.findUniqueOrThrow({ where: { id: forAcme.id } })).disclosureAt.getTime() / 1000) * 1000);
    expect(answer.ics).not.toContain("parse_header");
    expect(answer.ics).not.toContain("Heap overflow");
    expect(answer.ics).not.toContain("Globex");
    // Fetches are audited, but not every poll from the same address.
    await calendarForFeed(file, request);
    await calendarForFeed(file, { ...request, ip: "198.51.100.7" });
    expect(await db.client.auditEvent.count({ where: { action: "calendar.feed.fetched" } })).toBe(2);

    const second = await rotateCalendarFeed(acme.member, request);
    expect(await calendarForFeed(file, request)).toEqual({ ok: false, reason: "not-found" });
    const file2 = second.url.split("/").at(-1)!;
    expect((await calendarForFeed(file2, request)).ok).toBe(true);
    expect(await calendarForFeed(`fwc_${"A".repeat(43)}.ics`, request)).toEqual({ ok: false, reason: "not-found" });

    await setMemberStatus(m, acme.member.userId, "SUSPENDED", request);
    expect(await calendarForFeed(file2, request)).toEqual({ ok: false, reason: "not-found" });
  });

  it("a feed whose owner's organisation was suspended behind the directory's back answers not found; turning it off ends it", async () => {
    const { acme, globex } = await world();
    const { url } = await rotateCalendarFeed(globex.member, request);
    const file = url.split("/").at(-1)!;
    await db.client.organisation.update({ where: { id: globex.org.id }, data: { status: "SUSPENDED" } });
    expect(await calendarForFeed(file, request)).toEqual({ ok: false, reason: "not-found" });
    const own = await rotateCalendarFeed(acme.member, request);
    await deleteCalendarFeed(acme.member, request);
    expect(await calendarForFeed(own.url.split("/").at(-1)!, request)).toEqual({ ok: false, reason: "not-found" });
    await expect(deleteCalendarFeed(acme.member, request)).rejects.toBeInstanceOf(NotFoundError);
  });
});
