// Records the emails a test's code sends (instead of printing or delivering them); fresh for every test.
import { afterAll, beforeEach } from "vitest";
import { deliverBatch, setMailTransportForTests } from "@/lib/mail/data";
import type { OutgoingMail } from "@/lib/mail/transport";
import type { Db } from "@/lib/server/db/client";

export function recordSentMail(): OutgoingMail[] {
  const sent: OutgoingMail[] = [];
  beforeEach(() => {
    sent.length = 0;
    setMailTransportForTests({
      kind: "outbox",
      send: async (mail) => (sent.push(mail), { transport: "outbox", providerId: null }),
      sendBatch: async (emails) => {
        for (const e of emails) sent.push({ to: e.to, subject: e.subject, text: e.text, html: e.html });
        return emails.map(() => ({ ok: true as const, providerId: null }));
      },
    });
  });
  afterAll(() => setMailTransportForTests(undefined));
  return sent;
}

/** Sends every queued outbox batch now, as a worker would (for tests of the code that queues emails). */
export async function drainOutbox(client: Db): Promise<number> {
  const batches = await client.mailBatch.findMany({ where: { status: { in: ["QUEUED", "SENDING"] } }, select: { id: true } });
  for (const b of batches) await deliverBatch(b.id, { attempt: 1, lastAttempt: true });
  return batches.length;
}
