import "server-only";
// The public report form's write path (issue 13, INTAKE): anyone may send a report. Checked in this order, and
// nothing is stored unless every check passes: the schema (sizes, address), the files (the notice attachments' rule,
// or "an OpenPGP message to the project's key" for files encrypted in the browser), the encrypted fields, then the
// rate limits per network and per reporter address. The report is then held UNCONFIRMED — nobody's to read — until
// the address is confirmed through the emailed link (./intake-confirm.ts); the sweep deletes it after a day.
import { createHash } from "node:crypto";
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { ConflictError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { checkUpload, checkUploadEnvelope } from "@/lib/server/uploads";
import { recordAudit } from "@/lib/audit/data";
import { consumeAttempt } from "@/lib/rate-limit/data";
import { networkKey } from "@/lib/rate-limit/policy";
import { getProjectSettings } from "@/lib/settings/data";
import { reportEncryptionKey, type EncryptionKey } from "@/lib/signing/data";
import { sendMail } from "@/lib/mail/data";
import { maySignIn } from "@/lib/auth/policy";
import { randomToken } from "@/lib/auth/tokens";
import { encryptedFileProblem, encryptedTextProblem, readReportKey } from "../encrypted";
import { CONFIRM_HOURS, reportConfirmationMail } from "../mail-intake";
import type { ReportSubmission } from "../schemas";
import { allocateReportReference } from "./queue-new";


export function hashConfirmToken(token: string): string {
  return createHash("sha256").update(`report-confirm:${token}`).digest("hex");
}

type CheckedFile = { filename: string; contentType: string; data: Uint8Array<ArrayBuffer>; sha256: string; encrypted: boolean };

function refuse(field: string, message: string): never {
  throw new ValidationError(message, { [field]: [message] });
}

/** Every file checked before anything is written: one bad file refuses the whole report. */
async function checkFiles(files: File[], key: Awaited<ReturnType<typeof readReportKey>> | null): Promise<CheckedFile[]> {
  const checked: CheckedFile[] = [];
  for (const file of files) {
    const data = new Uint8Array(await file.arrayBuffer());
    const verdict = key ? checkUploadEnvelope(file.name, data) : checkUpload(file.name, data);
    if (!verdict.ok) refuse("attachments", `${verdict.reason} Nothing was sent.`);
    if (key) {
      const problem = await encryptedFileProblem(data, key);
      if (problem) refuse("attachments", `${verdict.filename} ${problem}. Nothing was sent: reload the page and encrypt again.`);
    }
    checked.push({ filename: verdict.filename, contentType: key ? "application/octet-stream" : verdict.contentType, data, sha256: createHash("sha256").update(data).digest("hex"), encrypted: !!key });
  }
  return checked;
}

async function checkEncryptedFields(input: ReportSubmission, key: Awaited<ReturnType<typeof readReportKey>>): Promise<void> {
  const fields = [["details", "The details"], ["reproduction", "The reproduction steps"]] as const;
  for (const [field, label] of fields) {
    if (field === "reproduction" && !input.reproduction) continue;
    const problem = await encryptedTextProblem(input[field], key);
    if (problem) refuse(field, `${label} ${problem}. Nothing was sent: reload the page and encrypt again, or send the report without encryption.`);
  }
}

async function charge(settings: { securityAddress: string | null }, keys: Parameters<typeof consumeAttempt>[0], request: RequestInfo): Promise<void> {
  const verdict = await consumeAttempt(keys);
  if (verdict.allowed) return;
  if (verdict.firstRefusal) await recordAudit({ actor: null, action: "report.rate-limited", ip: request.ip, details: { limit: verdict.limit } });
  const minutes = Math.max(1, Math.ceil(verdict.retryAfterSeconds / 60));
  const elsewhere = settings.securityAddress ? `, or write to ${settings.securityAddress}` : "";
  throw new ConflictError(`Too many reports were sent from your network or for this address. Nothing was sent: try again in ${minutes} minute(s)${elsewhere}.`);
}

export type SubmittedReport = { id: string; reference: string } | null;

/**
 * Stores a report from the public form and emails its confirmation link. The answer is the same whoever the address
 * belongs to (a new reporter, an existing account, an account that may not sign in: then nothing is stored or sent).
 * `viewer` is whoever is signed in on this browser; the report always belongs to the address given.
 */
export async function submitReport(_viewer: Viewer, input: ReportSubmission, request: RequestInfo, now = new Date()): Promise<SubmittedReport> {
  const settings = await getProjectSettings();
  // The network's allowance is charged before the expensive checks (OpenPGP parsing, file sniffing), so a flood of
  // invalid posts costs its sender too; the address's small daily allowance only once the report is valid, so a person
  // who corrects a mistake or two is not locked out.
  await charge(settings, [["reportPerNetwork", networkKey(request.ip)]], request);
  let key = null;
  if (input.encrypted) {
    const reportKey = await reportEncryptionKey(settingsReportKey(settings));
    if (!reportKey) refuse("encrypted", "This project has no key to encrypt reports to (any more). Reload the page and send the report without encryption: it still travels over HTTPS.");
    key = await readReportKey(reportKey.armored);
    await checkEncryptedFields(input, key);
  } else if (/-----BEGIN PGP MESSAGE-----/.test(input.details)) {
    // An encrypted blob pasted into the clear form would be stored as if it were readable text.
    refuse("details", "The details look like an OpenPGP message. Use the form's encryption option instead of pasting an encrypted text.");
  }
  const files = await checkFiles(input.attachments, key);

  await charge(settings, [["reportPerAddress", input.email]], request);

  const db = getDb();
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true, role: true, status: true, membership: { select: { organisation: { select: { status: true } } } } } });
  // A reporter account still waiting for its first confirmation takes more reports; a suspended or removed account,
  // or one whose organisation may not sign in, gets the same answer and nothing is stored or sent.
  const usable = existing?.role === "REPORTER" ? existing.status === "INVITED" || existing.status === "ACTIVE" : !existing || maySignIn({ role: existing.role, status: existing.status, organisationStatus: existing.membership?.organisation.status ?? null });
  if (!usable) return null;

  const token = randomToken(32);
  const report = await db.$transaction(async (tx) => {
    const reporterId = existing?.id ?? (await tx.user.create({ data: { email: input.email, name: input.reporterName, role: "REPORTER", status: "INVITED" }, select: { id: true } })).id;
    const reference = await allocateReportReference(tx, now);
    const created = await tx.report.create({
      data: {
        reference,
        reporterId,
        summary: input.summary,
        details: input.details,
        affectedVersions: input.affectedVersions,
        reproduction: input.reproduction,
        encrypted: input.encrypted,
        reporterName: input.reporterName,
        creditKind: input.creditKind,
        creditText: input.creditText,
        submittedAt: now,
        confirmTokenHash: hashConfirmToken(token),
        confirmExpiresAt: new Date(now.getTime() + CONFIRM_HOURS * 3_600_000),
      },
      select: { id: true, reference: true },
    });
    if (files.length) await tx.reportAttachment.createMany({ data: files.map((f) => ({ reportId: created.id, filename: f.filename, contentType: f.contentType, size: f.data.length, sha256: f.sha256, data: f.data, encrypted: f.encrypted })) });
    await recordAudit({ actor: null, action: "report.submitted", target: { type: "report", id: created.id }, ip: request.ip, details: { reference, encrypted: input.encrypted, attachments: files.length } }, tx);
    return created;
  });

  const mail = reportConfirmationMail({ to: input.email, name: input.reporterName, reference: report.reference, link: confirmLink(token), project: settings.name });
  // In the background, like a sign-in link: the answer's timing does not depend on the mail provider.
  void sendMail(mail).catch((error: unknown) => console.error("[forewarn] report confirmation email failed:", error instanceof Error ? error.message : error));
  return report;
}

export function confirmLink(token: string): string {
  return `${getConfig().publicUrl}/report/confirm/${token}`;
}

export type ReportIntakeInfo = { project: string; securityAddress: string | null; acknowledgeTargetHours: number; key: { armored: string; fingerprint: string } | null };

function settingsReportKey(s: { reportPublicKey: string | null; reportKeyFingerprint: string | null }): EncryptionKey | null {
  return s.reportPublicKey && s.reportKeyFingerprint ? { armored: s.reportPublicKey, fingerprint: s.reportKeyFingerprint } : null;
}

/**
 * What the public report page, security.txt and the key route show: public by nature (a public key, a contact). The
 * key is the project's OpenPGP key once it has one (lib/signing), else the report key pasted in Settings.
 */
export async function getReportIntakeInfo(): Promise<ReportIntakeInfo> {
  const s = await getProjectSettings();
  return {
    project: s.name,
    securityAddress: s.securityAddress,
    acknowledgeTargetHours: s.acknowledgeTargetHours,
    key: await reportEncryptionKey(settingsReportKey(s)),
  };
}
