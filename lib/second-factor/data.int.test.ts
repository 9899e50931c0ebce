import { beforeAll, expect, it } from "vitest";
import { generate } from "otplib";
import { describeEachDatabase } from "@/test/db";
import { maintainer } from "@/test/viewers";
import { ForbiddenError, RateLimitedError, ValidationError } from "@/lib/server/errors";
import { drainOutbox, recordSentMail } from "@/test/mail";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { confirmEnrolment, getEnrolment, recoveryCodesLeft, redeemRecoveryCode, verifyTotp } from "./data";

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= "test-instance-secret";
});

const request = { ip: "192.0.2.10", userAgent: "vitest" };
const sent = recordSentMail();

describeEachDatabase("second factor", (db) => {
  async function signedInMaintainer(email = "m@project.example") {
    const user = await db.client.user.create({ data: { email, role: "MAINTAINER", status: "ACTIVE" } });
    const far = new Date(Date.now() + 3_600_000);
    const session = await db.client.session.create({ data: { sessionToken: `hash-${email}`, userId: user.id, expires: far, absoluteExpiresAt: far } });
    return maintainer(user, { sessionId: session.id, secondFactor: false, totpEnrolled: false });
  }

  async function enrol(viewer: Awaited<ReturnType<typeof signedInMaintainer>>) {
    const enrolment = await getEnrolment(viewer);
    if (enrolment.enrolled) throw new Error("already enrolled");
    const codes = await confirmEnrolment(viewer, await generate({ secret: enrolment.secret }), request);
    return { secret: enrolment.secret, codes };
  }

  it("enrols with a QR code, stores the secret encrypted, marks the session verified, gives 10 recovery codes", async () => {
    const viewer = await signedInMaintainer();
    const enrolment = await getEnrolment(viewer);
    expect(enrolment).toMatchObject({ enrolled: false, qrDataUrl: expect.stringMatching(/^data:image\/png;base64,/) });
    // The same pending secret until confirmed (reloading the page does not invalidate the scanned code).
    expect(await getEnrolment(viewer)).toMatchObject({ secret: (enrolment as { secret: string }).secret });
    // Kept on this session only, encrypted.
    const pending = await db.client.session.findUniqueOrThrow({ where: { id: viewer.sessionId }, select: { totpPendingSecret: true } });
    expect(pending.totpPendingSecret).toMatch(/^v1\./);
    expect(pending.totpPendingSecret).not.toContain((enrolment as { secret: string }).secret);
    const codes = await confirmEnrolment(viewer, await generate({ secret: (enrolment as { secret: string }).secret }), request);
    expect(codes).toHaveLength(10);
    expect((await db.client.session.findUniqueOrThrow({ where: { id: viewer.sessionId } })).secondFactorAt).toBeInstanceOf(Date);
    const user = await db.client.user.findUniqueOrThrow({ where: { id: viewer.userId }, select: { totpSecret: true } });
    expect(user.totpSecret).toBe(pending.totpPendingSecret);
    expect((await db.client.session.findUniqueOrThrow({ where: { id: viewer.sessionId }, select: { totpPendingSecret: true } })).totpPendingSecret).toBeNull();
    const hashes = await db.client.recoveryCode.findMany({ where: { userId: viewer.userId } });
    expect(hashes.map((h) => h.codeHash)).not.toContain(codes[0]);
    expect(await getEnrolment(viewer)).toEqual({ enrolled: true });
  });

  it("accepts a code once: the same code again is refused (no replay)", async () => {
    const viewer = await signedInMaintainer();
    const { secret } = await enrol(viewer);
    const code = await generate({ secret });
    // The enrolment consumed the current step already.
    await expect(verifyTotp(viewer, code, request)).rejects.toBeInstanceOf(ValidationError);
    await db.client.user.update({ where: { id: viewer.userId }, data: { totpLastStep: null } });
    await db.client.session.update({ where: { id: viewer.sessionId }, data: { secondFactorAt: null } });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => verifyTotp(viewer, code, request)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses wrong codes and stops trying after five attempts (successes do not reset the count)", async () => {
    const viewer = await signedInMaintainer();
    await enrol(viewer); // attempt 1, successful
    for (let i = 0; i < 4; i++) await expect(verifyTotp(viewer, "000000", request)).rejects.toBeInstanceOf(ValidationError);
    await expect(verifyTotp(viewer, "000000", request)).rejects.toBeInstanceOf(RateLimitedError);
    await expect(verifyTotp(viewer, "000000", request)).rejects.toBeInstanceOf(RateLimitedError);
    expect(await db.client.auditEvent.count({ where: { action: "auth.rate-limited" } })).toBe(1);
  });

  it("one client address: thirty-five people set up their factor together, but thirty wrong codes lock it out", async () => {
    const office = { ip: "198.51.100.7", userAgent: "vitest" };
    for (let i = 0; i < 35; i++) {
      const viewer = await signedInMaintainer(`m${i}@project.example`);
      const enrolment = await getEnrolment(viewer);
      if (enrolment.enrolled) throw new Error("already enrolled");
      await confirmEnrolment(viewer, await generate({ secret: enrolment.secret }), office);
    }
    // Wrong codes from six people (five each at most): the thirtieth closes the address for everyone.
    for (let p = 0; p < 6; p++) {
      const viewer = await signedInMaintainer(`w${p}@project.example`);
      const enrolment = await getEnrolment(viewer);
      if (enrolment.enrolled) throw new Error("already enrolled");
      for (let i = 0; i < 5; i++) await expect(confirmEnrolment(viewer, "000000", office)).rejects.toBeInstanceOf(ValidationError);
    }
    const late = await signedInMaintainer("late@project.example");
    const enrolment = await getEnrolment(late);
    if (enrolment.enrolled) throw new Error("already enrolled");
    await expect(confirmEnrolment(late, await generate({ secret: enrolment.secret }), office)).rejects.toBeInstanceOf(RateLimitedError);
    // Another address is not affected.
    await expect(confirmEnrolment(late, await generate({ secret: enrolment.secret }), request)).resolves.toHaveLength(10);
  });

  it("a second session of the same person never sees the code being set up, and must pass the factor once it exists", async () => {
    const first = await signedInMaintainer("twice@project.example");
    const far = new Date(Date.now() + 3_600_000);
    const other = await db.client.session.create({ data: { sessionToken: "hash-other", userId: first.userId, expires: far, absoluteExpiresAt: far } });
    const second = { ...first, sessionId: other.id };
    const a = await getEnrolment(first);
    const b = await getEnrolment(second);
    expect((a as { secret: string }).secret).not.toBe((b as { secret: string }).secret);
    await confirmEnrolment(first, await generate({ secret: (a as { secret: string }).secret }), request);
    // The session that saw another code (say, opened from an intercepted link) is gone.
    expect(await db.client.session.count({ where: { id: other.id } })).toBe(0);
    await expect(confirmEnrolment(second, await generate({ secret: (b as { secret: string }).secret }), request)).rejects.toThrow();
  });

  it("recovery codes work once each", async () => {
    const viewer = await signedInMaintainer();
    const { codes } = await enrol(viewer);
    expect(await redeemRecoveryCode(viewer, codes[3]!.toUpperCase(), request)).toBe(9);
    await expect(redeemRecoveryCode(viewer, codes[3]!, request)).rejects.toBeInstanceOf(ValidationError);
    expect(await recoveryCodesLeft(viewer)).toBe(9);
  });

  it("someone else's recovery code does nothing for me", async () => {
    const alice = await signedInMaintainer("alice@project.example");
    const bob = await signedInMaintainer("bob@project.example");
    const { codes } = await enrol(alice);
    await enrol(bob);
    await expect(redeemRecoveryCode(bob, codes[0]!, request)).rejects.toBeInstanceOf(ValidationError);
    expect(await recoveryCodesLeft(alice)).toBe(10);
  });

  it("tells the person by email that a second factor was set up", async () => {
    const viewer = await signedInMaintainer("told@project.example");
    await enrol(viewer);
    // Queued with the enrolment, sent by a worker.
    expect(await db.client.outboxEmail.count({ where: { toAddress: "told@project.example", status: "QUEUED" } })).toBe(1);
    await drainOutbox(db.client);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([["told@project.example", "A second factor was set up for your Forewarn account"]]);
  });

  it("set-up must follow the sign-in: a session older than 15 minutes cannot claim the second factor", async () => {
    const viewer = await signedInMaintainer("late@project.example");
    const enrolment = await getEnrolment(viewer);
    await db.client.session.update({ where: { id: viewer.sessionId }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } });
    await expect(confirmEnrolment(viewer, await generate({ secret: (enrolment as { secret: string }).secret }), request)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.client.user.findUniqueOrThrow({ where: { id: viewer.userId } })).totpEnabledAt).toBeNull();
  });

  it("is nothing to an anonymous visitor", async () => {
    await expect(getEnrolment(ANONYMOUS)).rejects.toThrow();
    await expect(verifyTotp(ANONYMOUS, "123456", request)).rejects.toThrow();
  });
});
