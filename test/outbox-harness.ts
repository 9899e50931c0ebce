// Shared set-up of the outbox tests: the fake Resend server, the real Resend transport pointed at it, settings that
// keep retries fast, and a wait for the queue to drain.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { resetConfigForTests } from "@/lib/server/config";
import { setMailTransportForTests } from "@/lib/mail/data";
import { resendTransport } from "@/lib/mail/transport";
import { startFakeResend, type FakeResend } from "./fake-resend";

export { waitFor } from "./wait";

export const OUTBOX_SETTINGS = {
  RESEND_API_KEY: "re_test",
  FOREWARN_JOB_RETRY_DELAY_SECONDS: "1",
  FOREWARN_JOB_MONITOR_SECONDS: "1",
  FOREWARN_MAIL_RATE_PER_SECOND: "0",
  FOREWARN_MAIL_MAX_ATTEMPTS: "6",
};

/** Registers the file's hooks; the returned function gives the running fake server. */
export function withFakeResend(): () => FakeResend {
  let fake: FakeResend | undefined;
  beforeAll(async () => {
    fake = await startFakeResend();
    Object.assign(process.env, OUTBOX_SETTINGS, { RESEND_BASE_URL: fake.url });
    resetConfigForTests();
    setMailTransportForTests(resendTransport("re_test", "Forewarn <forewarn@project.example>"));
  });
  afterAll(async () => {
    setMailTransportForTests(undefined);
    for (const key of [...Object.keys(OUTBOX_SETTINGS), "RESEND_BASE_URL"]) delete process.env[key];
    resetConfigForTests();
    await fake?.close();
  });
  beforeEach(() => {
    fake!.messages.length = 0;
    fake!.onRequest = undefined;
  });
  return () => fake!;
}
