// Records the emails a test's code sends (instead of printing or delivering them); fresh for every test.
import { afterAll, beforeEach } from "vitest";
import { setMailTransportForTests } from "@/lib/mail/data";
import type { OutgoingMail } from "@/lib/mail/transport";

export function recordSentMail(): OutgoingMail[] {
  const sent: OutgoingMail[] = [];
  beforeEach(() => {
    sent.length = 0;
    setMailTransportForTests({ kind: "outbox", send: async (mail) => (sent.push(mail), { transport: "outbox", providerId: null }) });
  });
  afterAll(() => setMailTransportForTests(undefined));
  return sent;
}
