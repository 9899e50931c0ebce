import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fullAdvisory, minimalAdvisory, now, project } from "@/test/advisory-fixtures";
import { csafFailures, providerMetadataErrors } from "@/test/csaf-validation";
import { CSAF_PROVIDER_METADATA_PATH } from "@/lib/reports/security-txt";
import { toCsaf } from "./csaf";
import {
  changesCsv,
  csafContentHash,
  csafDirectoryEntry,
  csafKeyUrl,
  digests,
  directoryListing,
  fingerprintFromKeyFile,
  hashFile,
  indexTxt,
  parseDirectoryFile,
  PROVIDER_METADATA_PATH,
  providerMetadata,
  PUBLIC_UPDATE_SUMMARY,
  serialiseCsaf,
  withPublicRevisions,
} from "./csaf-provider";

const FPR = "0123456789ABCDEF0123456789ABCDEF01234567";
const publicDoc = (at = now) => toCsaf(project, fullAdvisory(), { tlp: "CLEAR", involvements: [], now: at });

describe("provider-metadata.json", () => {
  it("is valid against the OASIS provider metadata schema, with and without keys", () => {
    for (const keys of [[], [{ fingerprint: FPR }, { fingerprint: FPR.replace("0", "F") }]]) {
      const metadata = providerMetadata(project, { lastUpdated: now, keys });
      expect(providerMetadataErrors(metadata)).toEqual([]);
      expect(metadata.public_openpgp_keys).toHaveLength(keys.length);
    }
  });

  it("names the csaf_provider role, its own well-known URL, the directory and each key's own file", () => {
    const metadata = providerMetadata(project, { lastUpdated: now, keys: [{ fingerprint: FPR.toLowerCase() }] });
    expect(metadata).toMatchObject({
      canonical_url: "https://forewarn.example.org/.well-known/csaf/provider-metadata.json",
      distributions: [{ directory_url: "https://forewarn.example.org/.well-known/csaf/white" }],
      last_updated: now.toISOString(),
      metadata_version: "2.0",
      role: "csaf_provider",
      public_openpgp_keys: [{ fingerprint: FPR, url: `https://forewarn.example.org/.well-known/csaf/openpgp/${FPR}.asc` }],
      publisher: { category: "vendor", name: project.publisherName, namespace: project.publisherNamespace },
    });
    // The publisher is the documents' own (§7.1.7 recommends it).
    expect(metadata.publisher).toEqual(publicDoc().document.publisher);
    expect(csafKeyUrl(project.siteUrl, FPR)).toBe(metadata.public_openpgp_keys[0]!.url);
  });

  it("fails the schema when it is broken (the check can fail)", () => {
    const metadata = providerMetadata(project, { lastUpdated: now, keys: [] });
    expect(providerMetadataErrors({ ...metadata, role: "csaf_aggregator" })).not.toEqual([]);
    expect(providerMetadataErrors({ ...metadata, canonical_url: "https://forewarn.example.org/metadata.json" })).not.toEqual([]);
    expect(providerMetadataErrors({ ...metadata, public_openpgp_keys: [{ fingerprint: "ABCD", url: "https://x.example/k.asc" }] })).not.toEqual([]);
    expect(providerMetadataErrors({ ...metadata, publisher: { name: "No category", namespace: "https://x.example" } })).not.toEqual([]);
  });

  it("is where security.txt's CSAF field points", () => {
    expect(CSAF_PROVIDER_METADATA_PATH).toBe(PROVIDER_METADATA_PATH);
  });
});

describe("the directory layout", () => {
  it("files a document under the year of its initial release, named after its tracking id (§5.1, §7.1.11)", () => {
    const doc = publicDoc();
    expect(doc.document.tracking.initial_release_date.startsWith("2026-")).toBe(true);
    expect(csafDirectoryEntry(doc)).toBe("2026/fw-2026-0001.json");
  });

  it.each([
    ["fw-2026-0001.json", { document: "fw-2026-0001.json", kind: "json" }],
    ["fw-2026-0001.json.sha256", { document: "fw-2026-0001.json", kind: "sha256" }],
    ["fw-2026-0001.json.sha512", { document: "fw-2026-0001.json", kind: "sha512" }],
    ["fw-2026-0001.json.asc", { document: "fw-2026-0001.json", kind: "asc" }],
    ["fw-2026-0001.json.md5", null],
    ["FW-2026-0001.json", null],
    ["../secret.json", null],
    ["fw-2026-0001.txt", null],
  ])("reads the file name %s", (file, expected) => {
    expect(parseDirectoryFile(file)).toEqual(expected);
  });

  it("reads key file names: upper-case v4 or v6 fingerprints only", () => {
    expect(fingerprintFromKeyFile(`${FPR}.asc`)).toBe(FPR);
    expect(fingerprintFromKeyFile(`${FPR.toLowerCase()}.asc`)).toBeNull();
    expect(fingerprintFromKeyFile(`${FPR}.gpg`)).toBeNull();
    expect(fingerprintFromKeyFile("ABCD.asc")).toBeNull();
  });

  it("lists index.txt newest year first and changes.csv by current release date, latest first, quoted, no heading", () => {
    expect(indexTxt(["2025/fw-2025-0009.json", "2026/fw-2026-0002.json", "2026/fw-2026-0001.json"])).toBe("2026/fw-2026-0002.json\n2026/fw-2026-0001.json\n2025/fw-2025-0009.json\n");
    const csv = changesCsv([
      { path: "2025/fw-2025-0009.json", releasedAt: "2026-03-01T10:00:00.000Z" },
      { path: "2026/fw-2026-0001.json", releasedAt: "2026-02-03T14:00:05.000Z" },
      { path: "2026/fw-2026-0002.json", releasedAt: "2026-04-01T08:00:00.000Z" },
    ]);
    expect(csv).toBe('"2026/fw-2026-0002.json","2026-04-01T08:00:00.000Z"\n"2025/fw-2025-0009.json","2026-03-01T10:00:00.000Z"\n"2026/fw-2026-0001.json","2026-02-03T14:00:05.000Z"\n');
    expect(indexTxt([])).toBe("");
    expect(changesCsv([])).toBe("");
  });

  it("writes hash files as the digest first, then the file name (§7.1.18), of the exact UTF-8 bytes", () => {
    const body = serialiseCsaf(publicDoc());
    const { sha256, sha512 } = digests(body);
    expect(sha256).toBe(createHash("sha256").update(Buffer.from(body, "utf8")).digest("hex"));
    expect(sha512).toMatch(/^[0-9a-f]{128}$/);
    expect(hashFile(sha256, "fw-2026-0001.json")).toBe(`${sha256}  fw-2026-0001.json\n`);
  });

  it("lists a folder as links, escaping what it shows", () => {
    const html = directoryListing("/x/<y>", [{ href: "/x/2026/", label: "2026/" }]);
    expect(html).toContain('<a href="/x/2026/">2026/</a>');
    expect(html).toContain("Index of /x/&lt;y&gt;");
    expect(html).not.toContain("<script");
  });
});

describe("stable bytes and public revisions", () => {
  it("hashes the content without the generator date: two builds agree, a change does not", () => {
    const a = publicDoc(now);
    const b = publicDoc(new Date(now.getTime() + 3_600_000));
    expect(serialiseCsaf(a)).not.toBe(serialiseCsaf(b));
    expect(csafContentHash(a)).toBe(csafContentHash(b));
    const renamed = toCsaf({ ...project, publisherName: "Acme Parser security team" }, fullAdvisory(), { tlp: "CLEAR", involvements: [], now });
    expect(csafContentHash(renamed)).not.toBe(csafContentHash(a));
  });

  it("appends later public revisions as the next versions, and the result still passes every CSAF test", async () => {
    for (const doc of [publicDoc(), toCsaf(project, minimalAdvisory(), { tlp: "CLEAR", involvements: [], now })]) {
      const own = doc.document.tracking.revision_history.length;
      const updated = withPublicRevisions(doc, [
        { date: "2026-05-01T00:00:00.000Z", summary: PUBLIC_UPDATE_SUMMARY },
        // Not after the previous one: moved 1 ms after it, so the history stays in order.
        { date: "2026-05-01T00:00:00.000Z", summary: PUBLIC_UPDATE_SUMMARY },
      ]);
      const tracking = updated.document.tracking;
      expect(tracking.version).toBe(String(own + 2));
      expect(tracking.revision_history.map((r) => r.number)).toEqual(Array.from({ length: own + 2 }, (_, i) => String(i + 1)));
      expect(tracking.current_release_date).toBe("2026-05-01T00:00:00.001Z");
      expect(tracking.initial_release_date).toBe(doc.document.tracking.initial_release_date);
      expect(await csafFailures(updated)).toEqual([]);
      // The original is untouched.
      expect(doc.document.tracking.revision_history).toHaveLength(own);
    }
    expect(withPublicRevisions(publicDoc(), [])).toEqual(publicDoc());
  });
});
