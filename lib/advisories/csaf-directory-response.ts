import "server-only";
// Responses of the CSAF provider directory (/.well-known/csaf): public, cacheable for a minute (a withdrawal leaves
// shared caches within it), with an ETag of the exact bytes and Last-Modified, and 304 for a conditional request that
// still matches — aggregators and downloaders poll these files. What may be there is decided in ./data/csaf-directory.
import { createHash } from "node:crypto";
import {
  CSAF_DIRECTORY_PATH,
  directoryListing,
  hashFile,
  isYearFolder,
  parseDirectoryFile,
  PROVIDER_METADATA_PATH,
} from "./formats/csaf-provider";
import { getCsafChanges, getCsafDirectoryFile, getCsafIndex, getProviderMetadata, getPublishedKey, listCsafDirectory } from "./data";
import { notFoundResponse, orNotFound } from "./http";
import { PUBLIC_CACHE } from "./policy";

export const CONTENT_TYPES = {
  json: "application/json; charset=utf-8",
  text: "text/plain; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  html: "text/html; charset=utf-8",
  signature: "application/pgp-signature",
  key: "application/pgp-keys",
} as const;

const httpDate = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000).toUTCString();

/**
 * Whether the client's copy is still this one: If-None-Match first (RFC 9110), else If-Modified-Since — only for a
 * stored document, whose time is its own. The computed files (index, changes, listings, metadata) also change when an
 * advisory is withdrawn, which no time of theirs records: they are validated by their ETag alone.
 */
function notModified(request: Request, etag: string, lastModified: Date | null): boolean {
  const match = request.headers.get("if-none-match");
  if (match !== null) return match.split(",").some((t) => t.trim().replace(/^W\//, "") === etag || t.trim() === "*");
  const since = Date.parse(request.headers.get("if-modified-since") ?? "");
  return lastModified !== null && Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

export function publicFileResponse(request: Request, body: string, contentType: string, lastModified: Date | null, sha256?: string): Response {
  const etag = `"${(sha256 ?? createHash("sha256").update(body, "utf8").digest("hex")).slice(0, 32)}"`;
  const headers = { "Cache-Control": PUBLIC_CACHE, ETag: etag, "X-Content-Type-Options": "nosniff", ...(lastModified ? { "Last-Modified": httpDate(lastModified) } : {}) };
  if (notModified(request, etag, lastModified)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "Content-Type": contentType } });
}

export function providerMetadataResponse(request: Request): Promise<Response> {
  return orNotFound(async () => {
    const metadata = await getProviderMetadata();
    return publicFileResponse(request, `${JSON.stringify(metadata, null, 2)}\n`, CONTENT_TYPES.json, null);
  });
}

export async function csafIndexResponse(request: Request): Promise<Response> {
  return publicFileResponse(request, await getCsafIndex(), CONTENT_TYPES.text, null);
}

export async function csafChangesResponse(request: Request): Promise<Response> {
  return publicFileResponse(request, await getCsafChanges(), CONTENT_TYPES.csv, null);
}

/** The directory's listing (its year folders, index.txt, changes.csv), or one year folder's (every file). */
export function csafListingResponse(request: Request, year?: string): Promise<Response> {
  return orNotFound(async () => {
    if (year !== undefined && !isYearFolder(year)) return notFoundResponse();
    const paths = await listCsafDirectory(year);
    const base = CSAF_DIRECTORY_PATH;
    const entries =
      year === undefined
        ? [
            { href: PROVIDER_METADATA_PATH, label: "../provider-metadata.json" },
            ...[...new Set(paths.map((p) => p.slice(0, 4)))].sort().reverse().map((y) => ({ href: `${base}/${y}/`, label: `${y}/` })),
            { href: `${base}/index.txt`, label: "index.txt" },
            { href: `${base}/changes.csv`, label: "changes.csv" },
          ]
        : [
            { href: `${base}/`, label: "../" },
            ...paths.flatMap((p) => ["", ".asc", ".sha256", ".sha512"].map((ext) => ({ href: `${base}/${p}${ext}`, label: `${p.slice(5)}${ext}` }))),
          ];
    return publicFileResponse(request, directoryListing(year === undefined ? `${base}/` : `${base}/${year}/`, entries), CONTENT_TYPES.html, null);
  });
}

/** A document, its hash files or its signature: the stored bytes; no signature file while it has none (signing off). */
export function csafDirectoryFileResponse(request: Request, year: string, file: string): Promise<Response> {
  return orNotFound(async () => {
    const parsed = parseDirectoryFile(file);
    if (!isYearFolder(year) || !parsed) return notFoundResponse();
    const published = await getCsafDirectoryFile(`${year}/${parsed.document}`);
    switch (parsed.kind) {
      case "json":
        return publicFileResponse(request, published.body, CONTENT_TYPES.json, published.lastModified, published.sha256);
      case "sha256":
        return publicFileResponse(request, hashFile(published.sha256, parsed.document), CONTENT_TYPES.text, published.lastModified);
      case "sha512":
        return publicFileResponse(request, hashFile(published.sha512, parsed.document), CONTENT_TYPES.text, published.lastModified);
      case "asc":
        if (!published.signature) return notFoundResponse();
        return publicFileResponse(request, published.signature, CONTENT_TYPES.signature, published.lastModified);
    }
  });
}

/** A published public key by its fingerprint's file name (`<FINGERPRINT>.asc`). */
export function csafKeyResponse(request: Request, fingerprint: string | null): Promise<Response> {
  return orNotFound(async () => {
    if (!fingerprint) return notFoundResponse();
    const armored = await getPublishedKey(fingerprint);
    return publicFileResponse(request, armored.endsWith("\n") ? armored : `${armored}\n`, CONTENT_TYPES.key, null);
  });
}
