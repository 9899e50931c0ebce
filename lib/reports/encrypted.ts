// What the server checks of a report encrypted in the reporter's browser: each encrypted field and file must really be
// an OpenPGP message, encrypted to the project's report key (one of its (sub)key ids), and nothing else — no clear
// literal data beside it. The server cannot read it and stores it exactly as sent; maintainers decrypt outside.
import { enums, readKey, readMessage, type Key, type Message } from "openpgp";

/** Packets an encrypted message consists of: session keys for recipients, then the encrypted data. */
const ENCRYPTED_PACKETS = new Set<number>([enums.packet.publicKeyEncryptedSessionKey, enums.packet.symEncryptedIntegrityProtectedData, enums.packet.aeadEncryptedData, enums.packet.marker]);

const ARMOR = /^-----BEGIN PGP MESSAGE-----\r?\n[\s\S]+\r?\n-----END PGP MESSAGE-----\s*$/;

export type ReportKey = Key;

export async function readReportKey(armoredKey: string): Promise<ReportKey> {
  return readKey({ armoredKey });
}

/** Null when the message is encrypted to the key, otherwise why not (safe to show; never echoes the input). */
async function problemOf(read: () => Promise<Message<string | Uint8Array>>, key: ReportKey): Promise<string | null> {
  let message;
  try {
    message = await read();
  } catch {
    return "is not an OpenPGP message";
  }
  if (!message.packets.every((p) => ENCRYPTED_PACKETS.has((p.constructor as unknown as { tag: number }).tag))) return "is not only an encrypted OpenPGP message";
  const ours = key.getKeyIDs();
  const recipients = message.getEncryptionKeyIDs();
  if (!recipients.some((id) => ours.some((mine) => mine.equals(id)))) return "is not encrypted to the project's current report key";
  return null;
}

/** An armored text field (details, reproduction): null if it is an OpenPGP message to the key, else the problem. */
export async function encryptedTextProblem(armored: string, key: ReportKey): Promise<string | null> {
  if (!ARMOR.test(armored.trim())) return "is not an ASCII-armored OpenPGP message";
  return problemOf(() => readMessage({ armoredMessage: armored.trim() }), key);
}

/** An encrypted attachment (binary, or armored text): null if it is an OpenPGP message to the key, else the problem. */
export async function encryptedFileProblem(bytes: Uint8Array, key: ReportKey): Promise<string | null> {
  const head = new TextDecoder().decode(bytes.subarray(0, 40));
  if (head.startsWith("-----BEGIN PGP MESSAGE-----")) return encryptedTextProblem(new TextDecoder().decode(bytes), key);
  return problemOf(() => readMessage({ binaryMessage: bytes }), key);
}
