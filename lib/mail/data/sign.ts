import "server-only";
// Every email signed with the project's OpenPGP key (issue 17), at the three places an email takes its final form:
//  - an encrypted email is signed and encrypted in one OpenPGP message when it is prepared (prepareDispatch, before
//    the transaction), with its attachments;
//  - a clear-text email of the outbox is clear-signed by the worker that sends its batch, before the first attempt,
//    and the signed text is stored: a retry under the same idempotency key sends exactly the same bytes, and the dev
//    mailbox shows what was sent;
//  - a direct email (sign-in link, report confirmation) is clear-signed as it is sent.
// Signing 30,000 emails is never part of a send's transaction. Once the project has a key, nothing goes out
// unsigned: an unusable key refuses the action before it commits, fails a batch with its cause (shown on the
// deliveries page, retried by a maintainer once the key is fixed), or refuses a direct email — with one documented
// exception: a maintainer's sign-in link goes unsigned, saying why, so that maintainers can still sign in to fix the key.
import { getDb } from "@/lib/server/db/client";
import { getSigningState, signAndEncrypt, signText, SigningUnavailableError } from "@/lib/signing/data";
import { checkRecipientKey, EncryptionRefusedError } from "../pgp";
import type { MailAttachment, OutgoingMail } from "../transport";

/** Before an action queues emails: throws SigningUnavailableError (its cause) when signing is on and the key unusable. */
export async function signingForDispatch(db?: Parameters<typeof getSigningState>[1], evenIfUnusable = false): Promise<{ on: boolean }> {
  const state = await getSigningState(new Date(), db);
  if (state.problem && !evenIfUnusable) throw new SigningUnavailableError(state.problem);
  return { on: state.on };
}

/** The MIME part name of the n-th encrypted file (0-based). */
export function attachmentPartName(index: number): string {
  return `file-${index + 1}.asc`;
}

type Sealable = { text: string; attachments?: Array<{ filename: string; data: Uint8Array }> | undefined };

/**
 * The body (and files) of an email that travels encrypted: one OpenPGP message each, encrypted to the recipient and
 * signed by the project (encrypted only while the project has no key). Files are sealed once per recipient key
 * (`cache`): an organisation's members share its key. Refuses, with the owner and the reason, a key that cannot encrypt.
 */
export async function sealForRecipient(
  email: Sealable,
  to: { armoredKey: string; owner: string },
  signed: boolean,
  cache: Map<string, MailAttachment[]>,
): Promise<{ textBody: string; signedAt: Date | null; attachments?: MailAttachment[] }> {
  try {
    await checkRecipientKey(to.armoredKey);
  } catch (error) {
    if (error instanceof EncryptionRefusedError) {
      throw new EncryptionRefusedError(`Cannot encrypt for ${to.owner}: ${error.publicMessage} Nothing was sent. Ask them for a current key, or send without the full text.`);
    }
    throw error;
  }
  const textBody = await signAndEncrypt(email.text, to.armoredKey);
  if (!email.attachments?.length) return { textBody, signedAt: signed ? new Date() : null };
  let attachments = cache.get(to.armoredKey);
  if (!attachments) {
    attachments = [];
    // The part names say nothing (file-1.asc …): every mail hop sees them before disclosure, and a patch's name can
    // name the flaw. The real name travels inside the encrypted message (and in the encrypted text's list).
    for (const [index, file] of email.attachments.entries()) {
      attachments.push({ filename: attachmentPartName(index), content: await signAndEncrypt(file.data, to.armoredKey, { filename: file.filename, binary: true }) });
    }
    cache.set(to.armoredKey, attachments);
  }
  return { textBody, signedAt: signed ? new Date() : null, attachments };
}

type BatchRow = { id: string; textBody: string | null; htmlBody: string | null; encrypted: boolean; signedAt: Date | null };

/**
 * Clear-signs the batch's unsigned clear-text emails and stores the signed texts (the HTML part dropped: an unsigned
 * alternative would be what mail clients show). Identical texts are signed once. Returns the rows as they are now;
 * unchanged while signing is off. Throws SigningUnavailableError when on and the key is unusable.
 */
export async function signBatch<T extends BatchRow>(batchId: string, emails: T[]): Promise<T[]> {
  const todo = emails.filter((e) => !e.encrypted && !e.signedAt && e.textBody !== null);
  if (todo.length === 0) return emails;
  // One read decides for the whole batch: while signing is off, nothing to do (and no read per email).
  const state = await getSigningState();
  if (!state.on) return emails;
  if (state.problem) throw new SigningUnavailableError(state.problem);
  const byText = new Map<string, string>();
  for (const e of todo) if (!byText.has(e.textBody!)) byText.set(e.textBody!, await signText(e.textBody!));
  const ids = todo.map((e) => e.id);
  const bodies = todo.map((e) => byText.get(e.textBody!)!);
  const signedAt = new Date();
  await getDb().$executeRaw`
    UPDATE "OutboxEmail" AS o SET "textBody" = v.body, "htmlBody" = NULL, "signedAt" = ${signedAt}, "updatedAt" = now()
    FROM (SELECT unnest(${ids}::text[]) AS id, unnest(${bodies}::text[]) AS body) AS v
    WHERE o.id = v.id AND o."batchId" = ${batchId}::uuid AND o."signedAt" IS NULL`;
  const signed = new Map(todo.map((e, i) => [e.id, bodies[i]!]));
  return emails.map((e) => (signed.has(e.id) ? { ...e, textBody: signed.get(e.id)!, htmlBody: null, signedAt } : e));
}

/** Why a batch was not sent, on the deliveries page: the key's problem, and what to do. */
export function unsignedBatchReason(error: SigningUnavailableError): string {
  return `Not sent: it could not be signed. ${error.publicMessage} Nothing was sent unsigned; retry once the key is fixed.`;
}

/**
 * A direct email, clear-signed (the stored copy too). `unsignedWhenKeyUnusable` is for maintainers' sign-in links
 * only: they go unsigned, saying why, instead of locking out the people who can fix the key.
 */
export async function signDirectMail(mail: OutgoingMail, opts: { unsignedWhenKeyUnusable?: boolean } = {}): Promise<OutgoingMail> {
  try {
    const text = await signText(mail.text);
    const storedText = mail.storedText === undefined ? undefined : await signText(mail.storedText);
    return { ...mail, text, html: undefined, storedText };
  } catch (error) {
    if (!(error instanceof SigningUnavailableError) || !opts.unsignedWhenKeyUnusable) throw error;
    const note = `This email is not signed: the project's signing key is unusable. ${error.publicMessage}\n\n`;
    return { ...mail, text: note + mail.text, html: undefined, ...(mail.storedText === undefined ? {} : { storedText: note + mail.storedText }) };
  }
}
