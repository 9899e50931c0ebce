// A send whose emails carry encrypted files (issue 15): each chunk of the send is one transaction, and an email with
// files travels alone and may weigh megabytes, so a chunk stops at its byte budget however few organisations that is;
// every organisation still gets its one email with its files, once.
import { expect, it } from "vitest";
import { generateKey } from "openpgp";
import { describeEachDatabase } from "@/test/db";
import { maintainer } from "@/test/viewers";
import { NoticeDraftSchema } from "./schemas";
import { addAttachment, createNoticeDraft, queueSendChunk, sendNotice } from "./data";

const request = { ip: "192.0.2.52", userAgent: "vitest" };
const ORGANISATIONS = 5;
/** About 1.4 MB stored per email once encrypted and armored. */
const PATCH = `--- a/big.c\n+++ b/big.c\n@@ -1 +1 @@\n${"+/* padding padding padding padding padding padding */\n".repeat(18_000)}`;
const BUDGET = 3 * 1024 * 1024;

describeEachDatabase("a send with encrypted files, chunked by bytes", (db) => {
  it("writes at most the byte budget per chunk (two emails of 1.4 MB in 3 MB), and every organisation's email once", async () => {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    for (let i = 0; i < ORGANISATIONS; i += 1) {
      const key = await generateKey({ type: "ecc", curve: "curve25519Legacy", userIDs: [{ email: `security@org${i}.example` }], format: "armored" });
      await db.client.organisation.create({
        data: { name: `Org ${i}`, status: "ACTIVE", pgpPublicKey: key.publicKey, attachFilesEncrypted: true, memberships: { create: [{ user: { create: { email: `a@org${i}.example`, role: "VENDOR", status: "ACTIVE" } } }] } },
      });
    }
    const draft = NoticeDraftSchema.parse({ title: "Big fix", description: "Secret details", disclosureAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), encryptFullText: true });
    const { id } = await createNoticeDraft(m, draft, request);
    await addAttachment(m, { noticeId: id, filename: "big.patch", bytes: new TextEncoder().encode(PATCH), public: false }, request);

    const written = [(await sendNotice(m, { noticeId: id, overrideReason: null }, request, { chunkOrganisations: 10, chunkBytes: BUDGET })).emails];
    const plan = await db.client.noticeSend.findFirstOrThrow({ where: { noticeId: id } });
    for (let index = 1; !(await db.client.noticeSend.findUniqueOrThrow({ where: { id: plan.id } })).finishedAt; index += 1) {
      written.push((await queueSendChunk(plan.id, index, { maxBytes: BUDGET })).emails);
    }
    // One window of 10 organisations, cut by bytes: 2, 2, 1.
    expect(written).toEqual([2, 2, 1]);
    const emails = await db.client.outboxEmail.findMany({ where: { dispatchId: plan.dispatchId }, select: { toAddress: true, encrypted: true, attachments: true, batchId: true } });
    expect(emails.map((e) => e.toAddress).sort()).toEqual(Array.from({ length: ORGANISATIONS }, (_, i) => `a@org${i}.example`));
    expect(emails.every((e) => e.encrypted && Array.isArray(e.attachments) && e.attachments.length === 1)).toBe(true);
    // Each email with files is a batch (one provider call) of its own.
    expect(new Set(emails.map((e) => e.batchId)).size).toBe(ORGANISATIONS);
    expect(await db.client.noticeRecipient.count({ where: { noticeId: id } })).toBe(ORGANISATIONS);
  });
});
