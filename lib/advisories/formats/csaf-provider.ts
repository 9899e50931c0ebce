// CSAF 2.0 §7 provider distribution (role csaf_provider), directory-based: the provider metadata at the well-known URL
// (§7.1.7, §7.1.9), one folder per year of initial release (§7.1.11), index.txt (§7.1.12), changes.csv (§7.1.13),
// directory listings (§7.1.14), hash files (§7.1.18) and detached OpenPGP signatures (§7.1.19) beside each document.
// Pure: no database, no clock; lib/advisories/data/csaf-directory.ts stores and serves what these functions build.
import { createHash } from "node:crypto";
import { csafFileName, type CsafDocument } from "./csaf";
import type { ProjectInfo } from "./types";

export const CSAF_WELL_KNOWN = "/.well-known/csaf";
export const PROVIDER_METADATA_PATH = `${CSAF_WELL_KNOWN}/provider-metadata.json`;
/**
 * The TLP:CLEAR documents' folder. CSAF 2.0 knows TLP 1.0 only, where CLEAR is WHITE (csafTlpLabel): the folder is
 * named after the label the documents carry, as CSAF providers and the downloaders expect ("white").
 */
export const CSAF_DIRECTORY_PATH = `${CSAF_WELL_KNOWN}/white`;
/** Public keys beside the provider metadata, one file per fingerprint (§7.1.20 suggests an `openpgp` folder there). */
export const CSAF_KEYS_PATH = `${CSAF_WELL_KNOWN}/openpgp`;

export type ProviderMetadata = {
  canonical_url: string;
  distributions: Array<{ directory_url: string }>;
  last_updated: string;
  list_on_CSAF_aggregators: boolean;
  metadata_version: "2.0";
  mirror_on_CSAF_aggregators: boolean;
  public_openpgp_keys: Array<{ fingerprint: string; url: string }>;
  publisher: CsafDocument["document"]["publisher"];
  role: "csaf_provider";
};

export type PublishedKeyRef = { fingerprint: string };

/** The URL of one published public key (an armored file named after its fingerprint). */
export function csafKeyUrl(siteUrl: string, fingerprint: string): string {
  return `${siteUrl}${CSAF_KEYS_PATH}/${fingerprint.toUpperCase()}.asc`;
}

/** The fingerprint a key file name stands for (`<40 or 64 hex>.asc`, upper case as published), or null. */
export function fingerprintFromKeyFile(file: string): string | null {
  const match = /^([0-9A-F]{40}|[0-9A-F]{64})\.asc$/.exec(file);
  return match ? match[1]! : null;
}

/**
 * provider-metadata.json. The publisher is the documents' own (recommended by §7.1.7). Every published key is listed
 * (the active one, retired ones whose old signatures must stay verifiable, revoked ones so verifiers learn of the
 * revocation); none while the project has no key, and the documents then carry no signatures.
 */
export function providerMetadata(project: ProjectInfo, input: { lastUpdated: Date; keys: PublishedKeyRef[] }): ProviderMetadata {
  return {
    canonical_url: `${project.siteUrl}${PROVIDER_METADATA_PATH}`,
    distributions: [{ directory_url: `${project.siteUrl}${CSAF_DIRECTORY_PATH}` }],
    last_updated: input.lastUpdated.toISOString(),
    list_on_CSAF_aggregators: true,
    metadata_version: "2.0",
    mirror_on_CSAF_aggregators: true,
    public_openpgp_keys: input.keys.map((k) => ({ fingerprint: k.fingerprint.toUpperCase(), url: csafKeyUrl(project.siteUrl, k.fingerprint) })),
    publisher: {
      category: "vendor",
      name: project.publisherName,
      namespace: project.publisherNamespace,
      ...(project.contactEmail ? { contact_details: `Email: ${project.contactEmail}` } : {}),
    },
    role: "csaf_provider",
  };
}

/** "<year of initial_release_date>/<§5.1 file name>": where a document lives under the directory (§7.1.11). */
export function csafDirectoryEntry(doc: CsafDocument): string {
  return `${doc.document.tracking.initial_release_date.slice(0, 4)}/${csafFileName(doc.document.tracking.id)}`;
}

export type DirectoryFileKind = "json" | "sha256" | "sha512" | "asc";

/** A file name inside a year folder: the document (`x.json`) or its hash or signature file (`x.json.sha512`). */
export function parseDirectoryFile(file: string): { document: string; kind: DirectoryFileKind } | null {
  const match = /^([a-z0-9+_-]{1,80}\.json)(?:\.(sha256|sha512|asc))?$/.exec(file);
  if (!match) return null;
  return { document: match[1]!, kind: (match[2] as DirectoryFileKind | undefined) ?? "json" };
}

export const isYearFolder = (year: string): boolean => /^\d{4}$/.test(year);

/** index.txt (§7.1.12): every document's path, one a line; newest year first, then by name, as the standard's example. */
export function indexTxt(paths: string[]): string {
  const sorted = [...paths].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  return sorted.map((p) => `${p}\n`).join("");
}

/**
 * changes.csv (§7.1.13): path and current_release_date of every document, no heading, the latest first. Both fields
 * quoted as in the standard's example; paths never contain a quote (§5.1 names are [a-z0-9+_-]).
 */
export function changesCsv(entries: Array<{ path: string; releasedAt: string }>): string {
  const sorted = [...entries].sort((a, b) => (a.releasedAt < b.releasedAt ? 1 : a.releasedAt > b.releasedAt ? -1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return sorted.map((e) => `"${e.path}","${e.releasedAt}"\n`).join("");
}

/** A hash file (§7.1.18): the hexadecimal digest first, then two spaces and the file name (sha256sum's format). */
export function hashFile(hex: string, fileName: string): string {
  return `${hex}  ${fileName}\n`;
}

export function digests(body: string): { sha256: string; sha512: string } {
  const bytes = Buffer.from(body, "utf8");
  return { sha256: createHash("sha256").update(bytes).digest("hex"), sha512: createHash("sha512").update(bytes).digest("hex") };
}

/** The exact bytes published: the document as the site serves JSON (two-space indent, final newline). */
export function serialiseCsaf(doc: CsafDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * What decides whether the public document changed: the rendering without its generator date (the time it was
 * built, different at every build). Keys are already sorted by the builder, so equal documents hash equally.
 */
export function csafContentHash(doc: CsafDocument): string {
  const copy = structuredClone(doc);
  copy.document.tracking.generator.date = "";
  return createHash("sha256").update(JSON.stringify(copy)).digest("hex");
}

export type PublicRevision = { date: string; summary: string };

/**
 * The document with the revisions made after disclosure appended (the notice itself no longer changes then; Settings
 * — the publisher, the project's name — can): each gets the next integer version after the notice's own history, and
 * the last one is the document's version and current release date (CSAF tests 6.1.14, 6.1.16, 6.1.21, 6.1.22).
 * An entry not later than the one before it is moved 1 ms after it, as the builder does.
 */
export function withPublicRevisions(doc: CsafDocument, revisions: PublicRevision[]): CsafDocument {
  if (revisions.length === 0) return doc;
  const out = structuredClone(doc);
  const tracking = out.document.tracking;
  let previous = Date.parse(tracking.revision_history[tracking.revision_history.length - 1]!.date);
  for (const r of revisions) {
    const time = Math.max(Date.parse(r.date), previous + 1);
    previous = time;
    tracking.revision_history.push({ date: new Date(time).toISOString(), number: String(tracking.revision_history.length + 1), summary: r.summary });
  }
  const last = tracking.revision_history[tracking.revision_history.length - 1]!;
  tracking.version = last.number;
  tracking.current_release_date = last.date;
  return out;
}

/** The summary of a version published because the public document changed after disclosure. */
export const PUBLIC_UPDATE_SUMMARY = "Public document updated (publisher or product details)";

/**
 * A directory listing (§7.1.14: listings enabled for manual navigation), as a web server's index page: links only, no
 * script or style. Names are [a-z0-9+_.-] (file names) or the fixed names here, so they need no escaping beyond this.
 */
export function directoryListing(title: string, entries: Array<{ href: string; label?: string }>): string {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const items = entries.map((e) => `<li><a href="${escape(e.href)}">${escape(e.label ?? e.href)}</a></li>`).join("\n");
  return `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Index of ${escape(title)}</title></head>\n<body>\n<main>\n<h1>Index of ${escape(title)}</h1>\n<ul>\n${items}\n</ul>\n</main>\n</body>\n</html>\n`;
}
