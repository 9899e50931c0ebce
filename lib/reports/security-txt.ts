// security.txt (RFC 9116) for /.well-known/security.txt: where to report, the key to encrypt to, the policy. Pure: the
// route gives it the public URL, the settings and the clock. Expires is always within a year (the RFC says it SHOULD
// be less than a year away): computed at each request, now + 180 days at midnight UTC, so it never goes stale.

export const SECURITY_TXT_DAYS = 180;

/** Where the project's report public key is served (text/plain), when it has one. */
export const REPORT_KEY_PATH = "/report/public-key.asc";
export const REPORT_PATH = "/report";
/** The CSAF provider metadata (CSAF 2.0 §7.1.8: security.txt's CSAF field; lib/advisories serves it there). */
export const CSAF_PROVIDER_METADATA_PATH = "/.well-known/csaf/provider-metadata.json";
/** The report page's section that describes the disclosure policy. */
export const POLICY_ANCHOR = "policy";

export type SecurityTxtInput = { publicUrl: string; securityAddress: string | null; hasReportKey: boolean; now: Date };

export function securityTxtExpires(now: Date): Date {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(day + SECURITY_TXT_DAYS * 86_400_000);
}

export function securityTxt(input: SecurityTxtInput): string {
  const base = input.publicUrl.replace(/\/+$/, "");
  const lines = [
    "# Report security vulnerabilities privately, never in a public issue tracker.",
    `Contact: ${base}${REPORT_PATH}`,
    ...(input.securityAddress ? [`Contact: mailto:${input.securityAddress}`] : []),
    `Expires: ${securityTxtExpires(input.now).toISOString().replace(/\.\d{3}Z$/, "Z")}`,
    ...(input.hasReportKey ? [`Encryption: ${base}${REPORT_KEY_PATH}`] : []),
    `Policy: ${base}${REPORT_PATH}#${POLICY_ANCHOR}`,
    `Canonical: ${base}/.well-known/security.txt`,
    `CSAF: ${base}${CSAF_PROVIDER_METADATA_PATH}`,
    "Preferred-Languages: en",
  ];
  return `${lines.join("\n")}\n`;
}

/** Fields as RFC 9116 parsers read them (name → values), for tests and for anyone checking the file. */
export function parseSecurityTxt(text: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon < 1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return fields;
}
