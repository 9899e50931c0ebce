// What would betray a private key in stored or exported data: its secret parameters as raw bytes, hex and base64, and
// the lines of its armored form that the public key does not share (the public parts — key material, user ids,
// self-signatures — are rightly everywhere the public key is). Used to assert a haystack holds none of them.
import { readPrivateKey } from "openpgp";

export type KeyTraces = { secretBytes: Buffer[]; lines: string[] };

export async function privateKeyTraces(armoredPrivate: string): Promise<KeyTraces> {
  const key = await readPrivateKey({ armoredKey: armoredPrivate });
  const publicArmor = key.toPublic().armor();
  const params = [key.keyPacket, ...key.subkeys.map((s) => s.keyPacket)].flatMap((p) => Object.values((p as unknown as { privateParams: Record<string, Uint8Array> | null }).privateParams ?? {}));
  const lines = armoredPrivate
    .split("\n")
    .filter((l) => l.length >= 24 && !l.startsWith("-----") && !l.startsWith("="))
    .map((l) => l.slice(0, 24))
    .filter((prefix) => !publicArmor.includes(prefix));
  if (params.length === 0 || lines.length === 0) throw new Error("no secret material found in the key: the check would prove nothing");
  return { secretBytes: params.map((p) => Buffer.from(p)), lines };
}

/** The traces found in `haystack` (empty: none). */
export function tracesIn(haystack: Buffer | string, traces: KeyTraces): string[] {
  const bytes = typeof haystack === "string" ? Buffer.from(haystack, "utf8") : haystack;
  const text = bytes.toString("latin1");
  const found: string[] = [];
  if (text.includes("PRIVATE KEY BLOCK")) found.push("armor header");
  for (const secret of traces.secretBytes) {
    if (bytes.includes(secret)) found.push("secret parameter (raw bytes)");
    if (text.includes(secret.toString("hex")) || text.toLowerCase().includes(secret.toString("hex"))) found.push("secret parameter (hex)");
    if (text.includes(secret.toString("base64").slice(0, 24))) found.push("secret parameter (base64)");
  }
  for (const line of traces.lines) if (text.includes(line)) found.push(`armored line ${line.slice(0, 6)}…`);
  return found;
}
