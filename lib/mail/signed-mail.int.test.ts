// Every email Forewarn sends is signed once the project has a key (issue 17), checked with an independent OpenPGP
// implementation (gpg) on what the fake Resend server received: notice emails of every kind (sent, added late,
// revised, date changed, reminder, message, disclosed, withdrawn), the announcement, invitations, sign-in links, the
// reporter's confirmation and the maintainers' report alert; the encrypted notice decrypted and verified, with its
// encrypted patch. A broken key stops sending with its cause, and nothing goes out unsigned.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { generateKey } from "openpgp";
import { describeEachDatabase } from "@/test/db";
import { drainOutbox } from "@/test/mail";
import { withFakeResend, waitFor } from "@/test/outbox-harness";
import { createGpg, type Gpg } from "@/test/gpg";
import { maintainer, vendor } from "@/test/viewers";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { ConflictError } from "@/lib/server/errors";
import { stopJobEngine } from "@/lib/jobs/engine";
import { getProjectSettings } from "@/lib/settings/data";
import { forgetCachedKeys, generateKeyForProject, SigningUnavailableError } from "@/lib/signing/data";
import { GenerateKeySchema } from "@/lib/signing/schemas";
import { deliverSignInLink } from "@/lib/auth/data";
import { inviteMember } from "@/lib/directory/data";
import { NoticeDraftSchema } from "@/lib/notices/schemas";
import { addAttachment, addRecipients, changeDisclosureDate, createNoticeDraft, postMaintainerMessage, remindSilent, removeRecipient, reviseNotice, sendNotice } from "@/lib/notices/data";
import { endEmbargoNow, withdrawNotice } from "@/lib/advisories/data";
import { ReportSubmissionSchema } from "@/lib/reports/schemas";
import { confirmReport, submitReport } from "@/lib/reports/data";
import { deliverBatch, getDispatch, queueEmails, retryFailedEmails } from "./data";
import type { FakeEmail } from "@/test/fake-resend";
import { copyCode } from "@/lib/tracing/codes";
import { findFileMarks } from "@/lib/tracing/file-marks";

const request = { ip: "192.0.2.77", userAgent: "vitest" };
const at = (ms: number) => new Date(Date.now() + ms).toISOString();
const PATCH = "--- a/parse.c\n+++ b/parse.c\n@@ -1 +1 @@\n-char buf[16];\n+char buf[64];\n";
const fakeResend = withFakeResend();

let gpg: Gpg;
beforeAll(() => {
  // The project's private key is sealed with the instance secret.
  process.env.NEXTAUTH_SECRET ??= "test-instance-secret";
  gpg = createGpg();
});
afterAll(() => gpg.dispose());

describeEachDatabase("every email signed", (db) => {
  beforeEach(async () => {
    await stopJobEngine(1_000);
    forgetCachedKeys();
  });

  async function project() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    // The announcement goes to the list, and the key's user id names the security address.
    const { saved: _saved, packages, ...defaults } = await getProjectSettings();
    await db.client.projectSettings.create({ data: { ...defaults, id: 1, packages, announceAddress: "announce@archiver.example", securityAddress: "security@archiver.example" } });
    const key = await generateKeyForProject(m, GenerateKeySchema.parse({}), request);
    const row = await db.client.projectKey.findUniqueOrThrow({ where: { fingerprint: key.fingerprint }, select: { publicKey: true } });
    return { m, fingerprint: key.fingerprint, publicKey: row.publicKey };
  }

  async function organisation(name: string, email: string, extra: Record<string, unknown> = {}) {
    const org = await db.client.organisation.create({ data: { name, status: "ACTIVE", ...extra } });
    const user = await db.client.user.create({ data: { email, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: org.id } } } });
    return { org, v: vendor(user, org) };
  }

  /** gpg's verdict on one OpenPGP text: `gpg --verify` for a clear-signed one, `gpg --decrypt` for an encrypted one. */
  function gpgSays(args: string[], input: string | Uint8Array) {
    const r = gpg.run(args, input);
    return { ok: r.ok, signedBy: r.ok ? (/^\[GNUPG:\] VALIDSIG ([0-9A-F]{40,64}) /m.exec(r.status)?.[1] ?? null) : null, decrypted: /^\[GNUPG:\] DECRYPTION_OKAY/m.test(r.status), output: r.stdout, status: r.status };
  }

  /** Each email as gpg sees it: clear-signed and verified, or encrypted, decrypted and verified, with its files. */
  function check(message: FakeEmail) {
    const text = message.text ?? "";
    if (text.startsWith("-----BEGIN PGP MESSAGE-----")) {
      const files = (message.attachments ?? []).map((a) => ({ filename: a.filename, ...gpgSays(["--decrypt"], Buffer.from(a.content, "base64")) }));
      return { kind: "encrypted" as const, body: gpgSays(["--decrypt"], text), files };
    }
    return { kind: "clear" as const, body: gpgSays(["--verify"], text), files: [] };
  }

  /** The text a clear-signed email vouches for, as gpg writes it out. */
  const signedText = (text: string) => gpgSays(["--decrypt"], text).output.toString("utf8");

  it("every kind of email verifies with gpg; the encrypted notice and its patch decrypt and verify", { timeout: 300_000 }, async () => {
    const { m, fingerprint, publicKey } = await project();
    gpg.importKey(publicKey);
    const acme = await organisation("Acme", "ann@acme.example", { roleAddress: "security@acme.example" });
    const globexKey = await generateKey({ type: "ecc", curve: "curve25519Legacy", userIDs: [{ email: "security@globex.example" }], format: "armored" });
    const globex = await organisation("Globex", "gus@globex.example", { pgpPublicKey: globexKey.publicKey, attachFilesEncrypted: true });
    gpg.importKey(globexKey.privateKey);

    const draft = (extra: Record<string, unknown> = {}) => NoticeDraftSchema.parse({ title: "Heap overflow in parse_header()", description: "Secret details", disclosureAt: at(5 * 86_400_000), encryptFullText: true, ...extra });
    const { id, reference } = await createNoticeDraft(m, draft(), request);
    const patch = await addAttachment(m, { noticeId: id, filename: "fix.patch", bytes: new TextEncoder().encode(PATCH), public: false }, request);
    await sendNotice(m, { noticeId: id, overrideReason: null }, request);
    await drainOutbox(db.client);

    const initech = await organisation("Initech", "ivy@initech.example");
    await addRecipients(m, { noticeId: id, organisationIds: [initech.org.id], reason: "Joined the list" }, request);
    await reviseNotice(m, { noticeId: id, changeNote: "Fixed versions known", fields: draft({ fixedVersions: "4.2.7" }) }, request);
    await changeDisclosureDate(m, { noticeId: id, disclosureAt: new Date(Date.now() + 6 * 86_400_000), changeNote: "One more day", overrideReason: null }, request);
    await remindSilent(m, { noticeId: id }, request);
    const recipient = await db.client.noticeRecipient.findFirstOrThrow({ where: { noticeId: id, organisationId: acme.org.id } });
    await postMaintainerMessage(m, { noticeId: id, recipientId: recipient.id, body: "Does 4.2.7 fix it for you?" }, request);
    await drainOutbox(db.client);
    const late = await db.client.noticeRecipient.findFirstOrThrow({ where: { noticeId: id, organisationId: initech.org.id } });
    await removeRecipient(m, { noticeId: id, recipientId: late.id, reason: "Left the list" }, request);
    await drainOutbox(db.client);
    await endEmbargoNow(m, { noticeId: id, reason: "Fixed upstream" }, request);
    const other = await createNoticeDraft(m, draft({ title: "Second issue" }), request);
    await sendNotice(m, { noticeId: other.id, overrideReason: null }, request);
    await drainOutbox(db.client);
    await withdrawNotice(m, { noticeId: other.id, reason: "Not a vulnerability" }, request);
    await inviteMember(m, { organisationId: acme.org.id, email: "cat@acme.example", name: null }, request);
    await drainOutbox(db.client);

    // Direct emails: sign-in links (a vendor's, a maintainer's) and the reporter's confirmation; then the alert.
    await deliverSignInLink("ann@acme.example", "https://forewarn.example/api/auth/callback/email?token=t1", request);
    await deliverSignInLink("m@project.example", "https://forewarn.example/api/auth/callback/email?token=t2", request);
    await submitReport(ANONYMOUS, ReportSubmissionSchema.parse({ summary: "Overflow", details: "Long input overflows.", reporterName: "Ada", email: "ada@reporter.example", creditKind: "HANDLE", creditText: "@ada" }), request);
    await waitFor(async () => fakeResend().messages.filter((e) => /ada@reporter|ann@acme|m@project/.test(e.to[0]!) && !e.tags).length >= 3);
    const confirmation = fakeResend().messages.find((e) => e.to[0] === "ada@reporter.example")!;
    await confirmReport(confirmation.text!.match(/\/report\/confirm\/([A-Za-z0-9_-]+)/)![1]!, request);
    await drainOutbox(db.client);

    // Every kind of email this test meant to cause was caused.
    const purposes = new Set((await db.client.mailDispatch.findMany({ select: { purpose: true } })).map((d) => d.purpose));
    for (const p of ["notice.sent", "notice.revised", "notice.date-changed", "notice.reminder", "notice.message", "notice.disclosed", "notice.withdrawn", "notice.announcement", "directory.invitation"]) {
      expect([...purposes].some((x) => x === p || x.startsWith(p)), `no ${p} email was sent (${[...purposes].join(", ")})`).toBe(true);
    }
    const unsent = await db.client.outboxEmail.findMany({ where: { status: { not: "SENT" } }, select: { toAddress: true, subject: true, status: true, failureReason: true } });
    expect(unsent, JSON.stringify(unsent)).toEqual([]);
    const messages = fakeResend().messages;
    expect(messages.length).toBe((await db.client.outboxEmail.count()) + 3);

    let encrypted = 0;
    let files = 0;
    for (const message of messages) {
      const seen = check(message);
      // Nothing unsigned: gpg accepts each signature, by the project's key.
      expect(seen.body.ok, `${message.to[0]} «${message.subject}»: ${seen.body.status}`).toBe(true);
      expect(seen.body.signedBy, `${message.to[0]} «${message.subject}» is not signed by the project`).toBe(fingerprint);
      expect(message.html).toBeUndefined();
      if (seen.kind === "encrypted") {
        encrypted += 1;
        expect(message.to[0]).toBe("gus@globex.example");
        expect(seen.body.decrypted).toBe(true);
        if (message.subject.includes(`${reference}: advance security notice`)) {
          files += 1;
          expect(seen.body.output.toString("utf8")).toContain("Heap overflow in parse_header()");
          expect(seen.body.output.toString("utf8")).toContain("fix.patch");
          expect(seen.files).toHaveLength(1);
          // The part's name says nothing before disclosure; the encrypted text maps it to the real one.
          expect(seen.files[0]!.filename).toBe("file-1.asc");
          expect(seen.body.output.toString("utf8")).toContain("- file-1.asc: fix.patch (");
          expect(seen.files[0]!.ok).toBe(true);
          expect(seen.files[0]!.signedBy).toBe(fingerprint);
          // Globex's own copy (leak tracing): marked for Globex outside the diff, which is unchanged; the hash the
          // email states is that of the copy it carries.
          const copy = seen.files[0]!.output;
          expect(findFileMarks(copy).map((f) => f.code)).toEqual([copyCode({ form: "email", noticeId: id, organisationId: globex.org.id, attachmentId: patch.id })]);
          expect(copy.toString("utf8").endsWith(PATCH)).toBe(true);
          expect(seen.body.output.toString("utf8")).toContain(`SHA-256 ${createHash("sha256").update(copy).digest("hex")}`);
        }
      } else {
        expect(message.text!.startsWith("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA")).toBe(true);
        expect(message.attachments).toBeUndefined();
      }
    }
    expect(encrypted).toBeGreaterThan(1);
    expect(files).toBe(1);
    // The signed text is the email: a vendor reads the same words gpg vouches for.
    const acmeNotice = messages.find((e) => e.to[0] === "ann@acme.example" && e.subject.includes("advance security notice"))!;
    expect(signedText(acmeNotice.text!)).toContain(`/vendor/notices/${id}`);
  });

  it("a broken key stops sending with its cause; nothing goes out unsigned; a retry after the fix sends it signed", { timeout: 240_000 }, async () => {
    const { m, fingerprint, publicKey } = await project();
    gpg.importKey(publicKey);
    await organisation("Acme", "ann@acme.example");
    const { id } = await createNoticeDraft(m, NoticeDraftSchema.parse({ title: "Overflow", description: "d", disclosureAt: at(5 * 86_400_000) }), request);

    // 1. The key expired: the action is refused before it commits, with the cause.
    const { expiresAt } = await db.client.projectKey.findUniqueOrThrow({ where: { fingerprint } });
    await db.client.projectKey.update({ where: { fingerprint }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const refused = sendNotice(m, { noticeId: id, overrideReason: null }, request);
    await expect(refused).rejects.toBeInstanceOf(SigningUnavailableError);
    await expect(refused).rejects.toThrow(/expired/);
    expect((await db.client.notice.findUniqueOrThrow({ where: { id } })).state).toBe("DRAFT");
    expect(await db.client.outboxEmail.count()).toBe(0);
    // The reporter is told to come back; nothing is stored or sent.
    await expect(submitReport(ANONYMOUS, ReportSubmissionSchema.parse({ summary: "S", details: "D", reporterName: "Ada", email: "ada@reporter.example", creditKind: "NONE" }), request)).rejects.toBeInstanceOf(ConflictError);
    expect(await db.client.report.count()).toBe(0);
    // Sign-in: a vendor's link waits for the fix; a maintainer's goes unsigned, saying why (they fix the key).
    await deliverSignInLink("ann@acme.example", "https://forewarn.example/api/auth/callback/email?token=t1", request);
    await deliverSignInLink("m@project.example", "https://forewarn.example/api/auth/callback/email?token=t2", request);
    await waitFor(async () => fakeResend().messages.length >= 1);
    await new Promise((r) => setTimeout(r, 300)); // the vendor's link had the same chance to (wrongly) go
    expect(fakeResend().messages.map((e) => e.to[0])).toEqual(["m@project.example"]);
    expect(fakeResend().messages[0]!.text).toMatch(/^This email is not signed: the project's signing key is unusable\. The project's OpenPGP key expired/);
    fakeResend().messages.length = 0;

    // 2. The key was fine when the emails were queued and cannot sign when the worker sends them: the batch fails at
    //    once with the cause on the deliveries page; nothing reaches the provider.
    await db.client.projectKey.update({ where: { fingerprint }, data: { expiresAt } });
    const { dispatchId } = await queueEmails({ purpose: "test", label: "Queued before the key broke", emails: [{ to: "ann@acme.example", subject: "Hello", text: "A notice is waiting." }] });
    const sealed = (await db.client.projectKey.findUniqueOrThrow({ where: { fingerprint } })).encryptedPrivateKey!;
    await db.client.projectKey.update({ where: { fingerprint }, data: { encryptedPrivateKey: "v1.broken.seal" } });
    forgetCachedKeys();
    await drainOutbox(db.client);
    expect(fakeResend().messages).toHaveLength(0);
    const detail = await getDispatch(m, dispatchId);
    expect(detail.counts).toMatchObject({ total: 1, failed: 1, sent: 0 });
    expect(detail.batches[0]).toMatchObject({ status: "FAILED", attempts: 0, lastError: expect.stringMatching(/could not be signed.*cannot be unsealed/) });
    expect(detail.emails[0]!.failureReason).toMatch(/Nothing was sent unsigned/);

    // 3. Fixed: a maintainer's retry sends it, signed.
    await db.client.projectKey.update({ where: { fingerprint }, data: { encryptedPrivateKey: sealed } });
    forgetCachedKeys();
    await retryFailedEmails(m, dispatchId, request);
    await drainOutbox(db.client);
    expect(fakeResend().messages).toHaveLength(1);
    expect(gpg.verifyClearSigned(fakeResend().messages[0]!.text!)).toBe(fingerprint);
  });

  it("a retry of a batch sends the bytes it signed first, under the same key (no second signature, no 409)", { timeout: 60_000 }, async () => {
    const { fingerprint, publicKey } = await project();
    gpg.importKey(publicKey);
    fakeResend().script("accept-drop");
    const { dispatchId } = await queueEmails({ purpose: "test", label: "Lost answer", emails: [{ to: "ann@acme.example", subject: "Hello", text: "A notice is waiting." }] });
    const [batch] = await db.client.mailBatch.findMany({ where: { dispatchId } });
    await expect(deliverBatch(batch!.id, { attempt: 1, lastAttempt: false })).rejects.toThrow();
    const stored = await db.client.outboxEmail.findFirstOrThrow({ where: { dispatchId } });
    expect(stored.signedAt).not.toBeNull();
    expect(stored.textBody).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----/);
    expect(await deliverBatch(batch!.id, { attempt: 2, lastAttempt: false })).toBe("sent");
    // The provider got one email (the replay answered from the first call) and it is the stored, signed text.
    expect(fakeResend().messages).toHaveLength(1);
    expect(fakeResend().messages[0]!.text).toBe(stored.textBody);
    expect(gpg.verifyClearSigned(stored.textBody!)).toBe(fingerprint);
  });
  it("files too large for one email stay in the portal: the encrypted notice says so, with the link", { timeout: 120_000 }, async () => {
    const { m, fingerprint, publicKey } = await project();
    gpg.importKey(publicKey);
    const key = await generateKey({ type: "ecc", curve: "curve25519Legacy", userIDs: [{ email: "security@globex.example" }], format: "armored" });
    await organisation("Globex", "gus@globex.example", { pgpPublicKey: key.publicKey, attachFilesEncrypted: true });
    gpg.importKey(key.privateKey);
    const { id } = await createNoticeDraft(m, NoticeDraftSchema.parse({ title: "Big fix", description: "d", disclosureAt: at(5 * 86_400_000), encryptFullText: true }), request);
    // 4 MB of patch: over the 5 MB limit once encrypted and armored.
    const big = `--- a/big.c\n+++ b/big.c\n@@ -1 +1 @@\n${"+/* padding padding padding padding padding padding padding */\n".repeat(65_000)}`;
    await addAttachment(m, { noticeId: id, filename: "big.patch", bytes: new TextEncoder().encode(big), public: false }, request);
    await sendNotice(m, { noticeId: id, overrideReason: null }, request);
    await drainOutbox(db.client);
    const [message] = fakeResend().messages;
    expect(message!.attachments).toBeUndefined();
    const body = gpgSays(["--decrypt"], message!.text!);
    expect(body).toMatchObject({ ok: true, decrypted: true, signedBy: fingerprint });
    const text = body.output.toString("utf8");
    expect(text).toContain("too large to attach to this email");
    expect(text).toContain(`/vendor/notices/${id}`);
    expect(text).toContain("big.patch");
  });
});
