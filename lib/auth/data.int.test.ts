import { afterEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { recordSentMail } from "@/test/mail";
import { waitFor } from "@/test/wait";
import { resetConfigForTests } from "@/lib/server/config";
import {
  bootstrapMaintainers,
  consumeVerificationToken,
  createSessionRecord,
  deliverSignInLink,
  endMySession,
  findEligibleAccount,
  listMySessions,
  resolveSession,
  storeVerificationToken,
  viewerFromSession,
} from "./data";

const request = { ip: "192.0.2.20", userAgent: "vitest" };
const sent = recordSentMail();

afterEach(() => {
  vi.useRealTimers();
  delete process.env.FOREWARN_MAINTAINER_MAX_HOURS;
  resetConfigForTests();
});

describeEachDatabase("sign-in and sessions", (db) => {
  async function directory() {
    const active = await db.client.organisation.create({ data: { name: "Acme", status: "ACTIVE" } });
    const suspended = await db.client.organisation.create({ data: { name: "Globex", status: "SUSPENDED" } });
    const person = async (email: string, role: "MAINTAINER" | "VENDOR", status: "INVITED" | "ACTIVE" | "SUSPENDED" | "REMOVED", orgId?: string) =>
      db.client.user.create({ data: { email, role, status, ...(orgId ? { membership: { create: { organisationId: orgId } } } : {}) } });
    return {
      active,
      maintainer: await person("m@project.example", "MAINTAINER", "ACTIVE"),
      vendor: await person("v@acme.example", "VENDOR", "ACTIVE", active.id),
      invited: await person("new@acme.example", "VENDOR", "INVITED", active.id),
      suspendedPerson: await person("gone@acme.example", "VENDOR", "SUSPENDED", active.id),
      suspendedOrgPerson: await person("x@globex.example", "VENDOR", "ACTIVE", suspended.id),
    };
  }

  it("only eligible addresses get a token row and an email; others get nothing, not even a user row", async () => {
    await directory();
    const expires = new Date(Date.now() + 600_000);
    for (const email of ["m@project.example", "V@Acme.Example", "new@acme.example", "gone@acme.example", "x@globex.example", "nobody@example.org"]) {
      await storeVerificationToken({ identifier: email.toLowerCase(), token: `t-${email}`, expires });
      await deliverSignInLink(email, `https://portal.example/sign-in/confirm?token=t-${email}`, request);
    }
    await waitFor(async () => sent.length >= 3); // emails go out in the background
    expect((await db.client.verificationToken.findMany()).map((t) => t.identifier).sort()).toEqual(["m@project.example", "new@acme.example", "v@acme.example"]);
    expect(sent.map((m) => m.to).sort()).toEqual(["m@project.example", "new@acme.example", "v@acme.example"]);
    expect(await db.client.user.count({ where: { email: "nobody@example.org" } })).toBe(0);
    const refused = await db.client.auditEvent.findMany({ where: { action: "auth.link.refused" } });
    expect(refused).toHaveLength(3);
    expect(JSON.stringify(refused.map((e) => e.details))).not.toContain("token=");
  });

  it("a token works once, even when used ten times at once", async () => {
    await directory();
    await storeVerificationToken({ identifier: "v@acme.example", token: "hashed", expires: new Date(Date.now() + 600_000) });
    const uses = await Promise.all(Array.from({ length: 10 }, () => consumeVerificationToken("v@acme.example", "hashed")));
    expect(uses.filter(Boolean)).toHaveLength(1);
    expect(await consumeVerificationToken("v@acme.example", "hashed")).toBeNull();
  });

  it("a session resolves to its viewer; the token is stored hashed; an invited person becomes active", async () => {
    const { invited, active } = await directory();
    await createSessionRecord("raw-token-1", invited.id, request);
    expect(await db.client.session.count({ where: { sessionToken: "raw-token-1" } })).toBe(0);
    const session = await resolveSession("raw-token-1");
    expect(viewerFromSession(session!)).toMatchObject({ kind: "vendor", email: "new@acme.example", organisationId: active.id, organisationName: "Acme", secondFactor: false });
    expect((await db.client.user.findUniqueOrThrow({ where: { id: invited.id } })).status).toBe("ACTIVE");
    expect(await db.client.auditEvent.count({ where: { action: "auth.sign-in", actorId: invited.id } })).toBe(1);
  });

  it("ends the session when the person or the organisation is suspended, at the next request", async () => {
    const { vendor, active } = await directory();
    await createSessionRecord("browser-a", vendor.id, request);
    await createSessionRecord("browser-b", vendor.id, request);
    expect(await resolveSession("browser-a")).not.toBeNull();
    await db.client.organisation.update({ where: { id: active.id }, data: { status: "SUSPENDED" } });
    expect(await resolveSession("browser-a")).toBeNull();
    expect(await resolveSession("browser-b")).toBeNull();
    expect(await db.client.session.count()).toBe(0);
  });

  it("enforces the idle timeout and the absolute lifetime", async () => {
    const { maintainer } = await directory();
    const start = new Date("2026-11-22T08:00:00Z");
    vi.useFakeTimers({ now: start, toFake: ["Date"] });
    await createSessionRecord("idle", maintainer.id, request);
    vi.setSystemTime(new Date(start.getTime() + 119 * 60_000));
    expect(await resolveSession("idle")).not.toBeNull(); // 2 h idle limit for maintainers, touched now
    vi.setSystemTime(new Date(start.getTime() + (119 + 121) * 60_000));
    expect(await resolveSession("idle")).toBeNull();

    vi.setSystemTime(start);
    await createSessionRecord("busy", maintainer.id, request);
    for (let minutes = 60; minutes < 12 * 60; minutes += 60) {
      vi.setSystemTime(new Date(start.getTime() + minutes * 60_000));
      expect(await resolveSession("busy"), `still valid after ${minutes} min of activity`).not.toBeNull();
    }
    vi.setSystemTime(new Date(start.getTime() + 12 * 3_600_000));
    expect(await resolveSession("busy")).toBeNull(); // 12 h absolute, however active
  });

  it("a shorter configured maximum ends older sessions too", async () => {
    const { maintainer } = await directory();
    await createSessionRecord("long", maintainer.id, request);
    await db.client.session.updateMany({ data: { createdAt: new Date(Date.now() - 2 * 3_600_000) } });
    process.env.FOREWARN_MAINTAINER_MAX_HOURS = "1";
    resetConfigForTests();
    expect(await resolveSession("long")).toBeNull();
  });

  it("lists and ends only my own sessions", async () => {
    const { vendor, maintainer } = await directory();
    const mine = await createSessionRecord("mine", vendor.id, request);
    const other = await createSessionRecord("other", vendor.id, request);
    const theirs = await createSessionRecord("theirs", maintainer.id, request);
    const me = viewerFromSession((await resolveSession("mine"))!)!;
    const list = await listMySessions(me);
    expect(list.map((s) => s.id).sort()).toEqual([mine.id, other.id].sort());
    expect(list.find((s) => s.id === mine.id)?.current).toBe(true);
    await expect(endMySession(me, theirs.id, request)).rejects.toThrow();
    expect(await resolveSession("theirs")).not.toBeNull();
    await endMySession(me, other.id, request);
    expect(await resolveSession("other")).toBeNull();
  });

  it("bootstraps first maintainers once, never over a vendor", async () => {
    await directory();
    expect(await bootstrapMaintainers(["First@Project.example", "v@acme.example", "not an address"])).toEqual({
      created: ["first@project.example"],
      skipped: ["v@acme.example (already a vendor member)", "not an address (not a valid address)"],
    });
    expect(await bootstrapMaintainers(["first@project.example"])).toEqual({ created: [], skipped: [] });
    expect(await findEligibleAccount("first@project.example")).toMatchObject({ role: "MAINTAINER", status: "ACTIVE" });
  });

  it("bootstraps each first maintainer once when instances start together (no error for the one that lost the race)", async () => {
    const emails = ["a@project.example", "b@project.example", "c@project.example"];
    const runs = await Promise.all(Array.from({ length: 4 }, () => bootstrapMaintainers(emails)));
    expect(runs.flatMap((r) => r.created).sort()).toEqual(emails);
    expect(runs.flatMap((r) => r.skipped)).toEqual([]);
    expect(await db.client.user.count({ where: { email: { in: emails }, role: "MAINTAINER" } })).toBe(3);
    expect(await db.client.auditEvent.count({ where: { action: "auth.maintainer.bootstrapped" } })).toBe(3);
  });
});
