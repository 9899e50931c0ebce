import { describe, expect, it } from "vitest";
import { createMessage, encrypt, generateKey, sign, readPrivateKey, type PublicKey } from "openpgp";
import { encryptedFileProblem, encryptedTextProblem, readReportKey } from "./encrypted";

async function pair() {
  const { publicKey, privateKey } = await generateKey({ type: "curve25519", userIDs: [{ name: "Project Security", email: "security@project.example" }], format: "armored" });
  return { publicKey, privateKey, key: await readReportKey(publicKey) };
}

const encryptText = async (text: string, key: PublicKey) => (await encrypt({ message: await createMessage({ text }), encryptionKeys: key, format: "armored" })) as string;

describe("encrypted report fields and files", () => {
  it("accepts an armored message and a binary file encrypted to the project's key", async () => {
    const { key } = await pair();
    expect(await encryptedTextProblem(await encryptText("the details", key as PublicKey), key)).toBeNull();
    const binary = (await encrypt({ message: await createMessage({ binary: new Uint8Array([1, 2, 3]) }), encryptionKeys: key as PublicKey, format: "binary" })) as Uint8Array;
    expect(await encryptedFileProblem(binary, key)).toBeNull();
    expect(await encryptedFileProblem(new TextEncoder().encode(await encryptText("armored file", key as PublicKey)), key)).toBeNull();
  });

  it("refuses a message encrypted to another key", async () => {
    const ours = await pair();
    const theirs = await pair();
    expect(await encryptedTextProblem(await encryptText("secret", theirs.key as PublicKey), ours.key)).toMatch(/not encrypted to the project's current report key/);
  });

  it.each([
    ["plain text", "just some details"],
    ["a fake armor", "-----BEGIN PGP MESSAGE-----\n\nnot base64 at all !!\n-----END PGP MESSAGE-----"],
    ["a public key block", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEZ\n-----END PGP PUBLIC KEY BLOCK-----"],
  ])("refuses %s as an encrypted field", async (_what, text) => {
    const { key } = await pair();
    expect(await encryptedTextProblem(text, key)).toMatch(/is not/);
  });

  it("refuses a signed (readable) message and random bytes", async () => {
    const { key, privateKey } = await pair();
    const signed = (await sign({ message: await createMessage({ text: "readable" }), signingKeys: await readPrivateKey({ armoredKey: privateKey }), format: "armored" })) as string;
    expect(await encryptedTextProblem(signed, key)).toMatch(/not only an encrypted OpenPGP message/);
    expect(await encryptedFileProblem(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]), key)).toMatch(/not an OpenPGP message/);
  });
});
