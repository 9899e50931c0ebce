"use client";
// End-to-end encryption of a report in the reporter's browser (issue 13). OpenPGP.js is loaded on demand from our own
// bundle (a dynamic import: no CDN, no inline script, the CSP stays strict) only when someone encrypts. The server
// never sees the clear text; it checks that what arrives is an OpenPGP message to the project's key and stores it.

export type ClearReport = { details: string; reproduction: string; files: File[] };
export type EncryptedReport = { details: string; reproduction: string; files: File[] };

/** Encrypts the details, the reproduction steps (when given) and every file to the armored public key. */
export async function encryptReport(armoredKey: string, report: ClearReport): Promise<EncryptedReport> {
  const openpgp = await import("openpgp");
  const key = await openpgp.readKey({ armoredKey });
  const text = async (value: string) => (await openpgp.encrypt({ message: await openpgp.createMessage({ text: value }), encryptionKeys: key, format: "armored" })) as string;
  const files = await Promise.all(
    report.files.map(async (file) => {
      const message = await openpgp.createMessage({ binary: new Uint8Array(await file.arrayBuffer()), filename: file.name, format: "binary" });
      const bytes = (await openpgp.encrypt({ message, encryptionKeys: key, format: "binary" })) as Uint8Array<ArrayBuffer>;
      // The original name travels inside the message too; the stored name says how to open it.
      return new File([bytes], `${file.name}.gpg`, { type: "application/octet-stream" });
    }),
  );
  return { details: await text(report.details), reproduction: report.reproduction ? await text(report.reproduction) : "", files };
}
