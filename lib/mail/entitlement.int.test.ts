// An email that waits (a provider down, a worker down, a retry days later) is checked again when it is finally sent:
// nobody suspended or removed meanwhile, and nobody about a notice withdrawn meanwhile, receives it.
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { withFakeResend, waitFor } from "@/test/outbox-harness";
import { maintainer } from "@/test/viewers";
import { startAllWorkers } from "@/lib/composition/job-handlers";
import { getDispatch, listUndeliveredSends, queueEmails, retryFailedEmails } from "./data";
import { NOT_ENTITLED } from "./data/entitlement";

const request = { ip: "192.0.2.41", userAgent: "vitest" };
const fakeResend = withFakeResend();

describeEachDatabase("who still receives an email when it is sent", (db) => {
  const queued = () => db.client.outboxEmail.count({ where: { status: "QUEUED" } });
  const mail = (to: string, organisationId?: string) => ({ to, organisationId, subject: "[EMBARGOED] FW-2026-0011: advance security notice", text: "https://portal.example/vendor/notices/n" });

  async function world() {
    const org = await db.client.organisation.create({ data: { name: "Waiting Org", status: "ACTIVE", roleAddress: "security@waiting.example" } });
    const other = await db.client.organisation.create({ data: { name: "Soon Suspended Org", status: "ACTIVE" } });
    const person = async (email: string, organisationId: string | null, role: "VENDOR" | "MAINTAINER" = "VENDOR") => {
      const user = await db.client.user.create({ data: { email, role, status: "ACTIVE" } });
      if (organisationId) await db.client.membership.create({ data: { userId: user.id, organisationId } });
      return user;
    };
    await person("stays@waiting.example", org.id);
    const leaving = await person("leaves@waiting.example", org.id);
    await person("member@soon-suspended.example", other.id);
    const gone = await person("former@project.example", null, "MAINTAINER");
    await person("current@project.example", null, "MAINTAINER");
    return { org, other, leaving, gone };
  }

  it("a batch that waits is checked again before it is sent: suspended people and organisations get nothing", async () => {
    const w = await world();
    await startAllWorkers();
    const { dispatchId } = await queueEmails({
      purpose: "notice.sent",
      label: "Waits",
      notBefore: new Date(Date.now() + 3_000),
      emails: [mail("stays@waiting.example", w.org.id), mail("leaves@waiting.example", w.org.id), mail("security@waiting.example", w.org.id), mail("member@soon-suspended.example", w.other.id), mail("former@project.example"), mail("current@project.example")],
    });
    // Meanwhile: one member suspended, one organisation suspended, one maintainer removed.
    await db.client.user.update({ where: { id: w.leaving.id }, data: { status: "SUSPENDED" } });
    await db.client.organisation.update({ where: { id: w.other.id }, data: { status: "SUSPENDED" } });
    await db.client.user.update({ where: { id: w.gone.id }, data: { status: "REMOVED" } });
    await waitFor(async () => (await queued()) === 0);

    expect(fakeResend().messages.flatMap((m) => m.to).sort()).toEqual(["current@project.example", "security@waiting.example", "stays@waiting.example"]);
    const failed = await db.client.outboxEmail.findMany({ where: { dispatchId, status: "FAILED" }, orderBy: { toAddress: "asc" }, select: { toAddress: true, failureReason: true, textBody: true } });
    expect(failed).toEqual([
      { toAddress: "former@project.example", failureReason: NOT_ENTITLED.person, textBody: null },
      { toAddress: "leaves@waiting.example", failureReason: NOT_ENTITLED.member, textBody: null },
      { toAddress: "member@soon-suspended.example", failureReason: NOT_ENTITLED.organisation, textBody: null },
    ]);
    // Nothing left to retry: the bodies are gone, and a retry checks again anyway.
    await expect(retryFailedEmails(maintainer(await db.client.user.findUniqueOrThrow({ where: { email: "current@project.example" } })), dispatchId, request)).rejects.toThrow(/no failed emails/);
  });

  it("emails about a notice withdrawn meanwhile are not sent; the withdrawal itself is", async () => {
    const w = await world();
    const author = await db.client.user.findUniqueOrThrow({ where: { email: "current@project.example" } });
    const notice = await db.client.notice.create({ data: { reference: "FW-2026-0011", title: "Withdrawn while its emails waited", disclosureAt: new Date(Date.now() + 86_400_000), state: "EMBARGOED", createdById: author.id } });
    await startAllWorkers();
    const later = new Date(Date.now() + 3_000);
    const sent = await queueEmails({ purpose: "notice.sent", label: "Sent", topic: `notice:${notice.id}`, notBefore: later, emails: [mail("stays@waiting.example", w.org.id)] });
    const withdrawn = await queueEmails({ purpose: "notice.withdrawn", label: "Withdrawn", topic: `notice:${notice.id}`, notBefore: later, emails: [mail("stays@waiting.example", w.org.id)] });
    await db.client.notice.update({ where: { id: notice.id }, data: { state: "WITHDRAWN" } });
    await waitFor(async () => (await queued()) === 0);

    expect(await db.client.outboxEmail.findFirstOrThrow({ where: { dispatchId: sent.dispatchId } })).toMatchObject({ status: "FAILED", failureReason: NOT_ENTITLED.withdrawn, textBody: null });
    expect(await db.client.outboxEmail.findFirstOrThrow({ where: { dispatchId: withdrawn.dispatchId } })).toMatchObject({ status: "SENT" });
    expect(fakeResend().messages).toHaveLength(1);
    // Not sent on purpose: counted as failed on its delivery page, but nothing there to retry, and nothing for the
    // maintainers' home to flag (it would stay there for good).
    const m = maintainer(author);
    expect(await getDispatch(m, sent.dispatchId)).toMatchObject({ counts: { failed: 1 }, retryable: 0 });
    expect((await listUndeliveredSends(m)).items.map((i) => i.dispatchId)).not.toContain(sent.dispatchId);
  });
});
