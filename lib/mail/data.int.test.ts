import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { startFakeResend, type FakeResend } from "@/test/fake-resend";
import { maintainer, vendor } from "@/test/viewers";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { NotFoundError } from "@/lib/server/errors";
import { listMailbox, sendMail, setMailTransportForTests } from "./data";
import { MailError, outboxTransport, resendTransport } from "./transport";

let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend();
  process.env.RESEND_BASE_URL = fake.url;
});
afterAll(async () => {
  setMailTransportForTests(undefined);
  delete process.env.RESEND_BASE_URL;
  await fake.close();
});
beforeEach(() => {
  fake.messages.length = 0;
});

describeEachDatabase("mail", (db) => {
  async function viewers() {
    const m = await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } });
    const org = await db.client.organisation.create({ data: { name: "Acme", status: "ACTIVE" } });
    const v = await db.client.user.create({ data: { email: "v@acme.example", role: "VENDOR", status: "ACTIVE" } });
    return { m: maintainer(m), v: vendor(v, org) };
  }

  it("local outbox: keeps the body for the dev mailbox, readable by maintainers only", async () => {
    setMailTransportForTests(outboxTransport());
    const { m, v } = await viewers();
    await sendMail({ to: "a@acme.example", subject: "Hello", text: "Body with a link https://portal/x" });
    const box = await listMailbox(m);
    expect((await listMailbox(m, { to: "\u0000" })).messages).toHaveLength(box.messages.length);
    expect(box.transport).toBe("outbox");
    expect(box.messages).toMatchObject([{ toAddress: "a@acme.example", subject: "Hello", textBody: "Body with a link https://portal/x" }]);
    for (const viewer of [v, ANONYMOUS, { ...m, secondFactor: false }]) await expect(listMailbox(viewer)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("local outbox: keeps what the email asks to be kept (sign-in links withheld from the mailbox)", async () => {
    setMailTransportForTests(outboxTransport());
    const { m } = await viewers();
    await sendMail({ to: "a@acme.example", subject: "Link", text: "https://portal/sign-in/confirm?token=secret", storedText: "[withheld]" });
    expect((await listMailbox(m)).messages[0]?.textBody).toBe("[withheld]");
  });

  it("Resend: goes through the real SDK to one recipient, keeps only the envelope and provider id", async () => {
    setMailTransportForTests(resendTransport("re_test_key", "Forewarn <forewarn@project.example>"));
    const sent = await sendMail({ to: "a@acme.example", subject: "Hi", text: "secret link", idempotencyKey: `k-${db.kind}` });
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]).toMatchObject({ to: ["a@acme.example"], subject: "Hi", text: "secret link", idempotencyKey: `k-${db.kind}` });
    expect(sent).toEqual({ transport: "resend", providerId: fake.messages[0]!.id });
    const row = await db.client.mailMessage.findFirstOrThrow();
    expect(row).toMatchObject({ transport: "resend", providerId: fake.messages[0]!.id, textBody: null, htmlBody: null });
  });

  it("Resend errors are checked, not ignored: nothing is recorded as sent", async () => {
    setMailTransportForTests(resendTransport("re_test_key", "Forewarn <forewarn@project.example>"));
    fake.script("invalid");
    await expect(sendMail({ to: "bad", subject: "x", text: "y" })).rejects.toMatchObject({ name: "MailError", retryable: false });
    fake.script("500");
    await expect(sendMail({ to: "a@acme.example", subject: "x", text: "y" })).rejects.toMatchObject({ retryable: true });
    fake.script("drop");
    await expect(sendMail({ to: "a@acme.example", subject: "x", text: "y" })).rejects.toBeInstanceOf(MailError);
    expect(await db.client.mailMessage.count()).toBe(0);
  });
});
