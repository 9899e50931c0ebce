import "server-only";
// Encrypts an email body to an organisation's OpenPGP key (issue 4: the full text of a notice may travel by email
// only this way). Refuses, loudly, whenever it cannot encrypt: there is no silent fallback to plain text.
import { createMessage, encrypt, readKey, type Key } from "openpgp";
import { AppError } from "@/lib/server/errors";

/** Safe to show: it names the key's problem, never the text. */
export class EncryptionRefusedError extends AppError {}

/** ASCII-armored OpenPGP message for the key, or EncryptionRefusedError (expired, revoked, cannot encrypt, unreadable). */
export async function encryptForKey(armoredPublicKey: string, text: string, now = new Date()): Promise<string> {
  const key = await checkRecipientKey(armoredPublicKey, now);
  const message = await createMessage({ text });
  return (await encrypt({ message, encryptionKeys: key, date: now, format: "armored" })) as string;
}

/** The recipient's key when it can encrypt now, or EncryptionRefusedError saying why not (safe to show). */
export async function checkRecipientKey(armoredPublicKey: string, now = new Date()): Promise<Key> {
  let key;
  try {
    key = await readKey({ armoredKey: armoredPublicKey });
  } catch {
    throw new EncryptionRefusedError("The organisation's OpenPGP key cannot be read.");
  }
  if (key.isPrivate()) throw new EncryptionRefusedError("The stored key is a private key; refusing to use it.");
  if (await key.isRevoked(undefined, undefined, now)) throw new EncryptionRefusedError("The organisation's OpenPGP key has been revoked.");
  const expiration = await key.getExpirationTime();
  if (expiration instanceof Date && expiration <= now) {
    throw new EncryptionRefusedError(`The organisation's OpenPGP key expired on ${expiration.toISOString().slice(0, 10)}.`);
  }
  try {
    await key.getEncryptionKey(undefined, now);
  } catch {
    throw new EncryptionRefusedError("The organisation's OpenPGP key has no valid encryption subkey.");
  }
  return key;
}
