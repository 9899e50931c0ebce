// The CSAF provider directory through its route handlers, on PGlite and PostgreSQL, walked as a consumer does:
// provider-metadata.json → the directory's index.txt and changes.csv → each document with its .sha256, .sha512 and
// .asc. At disclosure the document appears (its publication job queued in the disclosure transaction), signed by the
// project key (verified with gpg and with OpenPGP.js); a later change publishes a new version, re-signed; nothing
// embargoed or withdrawn is ever there; without a key nothing is signed, with an unusable key nothing is published.
import { createHash } from "node:crypto";
import { createMessage, readKey, readSignature, verify } from "openpgp";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { csafFailures, providerMetadataErrors } from "@/test/csaf-validation";
import { createGpg } from "@/test/gpg";
import { maintainer } from "@/test/viewers";
import { getConfig } from "@/lib/server/config";
import { createNoticeDraft, sendNotice } from "@/lib/notices/data";
import { NoticeDraftSchema } from "@/lib/notices/schemas";
import { saveProjectSettings } from "@/lib/settings/data";
import { ProjectSettingsSchema } from "@/lib/settings/schemas";
import { forgetCachedKeys, generateKeyForProject, getSigningState, listPublishedKeys, revokeProjectKey } from "@/lib/signing/data";
import { GenerateKeySchema, RevokeKeySchema } from "@/lib/signing/schemas";
import type { CsafDocument } from "../formats/csaf";
import type { ProviderMetadata } from "../formats/csaf-provider";
import { endEmbargoNow, withdrawNotice } from "./publication";
import { publishCsafDocument, reconcileCsafDirectory } from "./csaf-directory";
import { getPublicCsaf } from "./outputs";
import { GET as getMetadata } from "@/app/.well-known/csaf/provider-metadata.json/route";
import { GET as getIndex } from "@/app/.well-known/csaf/white/index.txt/route";
import { GET as getChanges } from "@/app/.well-known/csaf/white/changes.csv/route";
import { GET as getListing } from "@/app/.well-known/csaf/white/route";
import { GET as getYear } from "@/app/.well-known/csaf/white/[year]/route";
import { GET as getFile } from "@/app/.well-known/csaf/white/[year]/[file]/route";
import { GET as getKey } from "@/app/.well-known/csaf/openpgp/[file]/route";

const request = { ip: "192.0.2.71", userAgent: "vitest" };
const gpg = createGpg();
beforeAll(() => {
  // The sealed private key's own key derives from the instance secret.
  process.env.NEXTAUTH_SECRET ??= "test-instance-secret";
});
afterAll(() => gpg.dispose());

const SITE = "http://localhost";
const req = (path: string, headers: Record<string, string> = {}) => new Request(`${SITE}${path}`, { headers });

/** GET of any path under /.well-known/csaf, through the route handler that serves it. */
async function fetchCsaf(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const rest = path.replace(/^.*\/\.well-known\/csaf/, "");
  if (rest === "/provider-metadata.json") return getMetadata(req(path, headers));
  if (rest === "/white" || rest === "/white/") return getListing(req(path, headers));
  if (rest === "/white/index.txt") return getIndex(req(path, headers));
  if (rest === "/white/changes.csv") return getChanges(req(path, headers));
  const key = /^\/openpgp\/([^/]+)$/.exec(rest);
  if (key) return getKey(req(path, headers), { params: Promise.resolve({ file: key[1]! }) });
  const year = /^\/white\/([^/]+)\/?$/.exec(rest);
  if (year) return getYear(req(path, headers), { params: Promise.resolve({ year: year[1]! }) });
  const file = /^\/white\/([^/]+)\/([^/]+)$/.exec(rest);
  if (file) return getFile(req(path, headers), { params: Promise.resolve({ year: file[1]!, file: file[2]! }) });
  throw new Error(`No route for ${path}`);
}

const text = async (path: string) => {
  const response = await fetchCsaf(path);
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text(), response };
};

async function verifyWithOpenpgp(signature: string, bytes: Uint8Array, armoredKey: string): Promise<boolean> {
  const result = await verify({ message: await createMessage({ binary: bytes }), signature: await readSignature({ armoredSignature: signature }), verificationKeys: await readKey({ armoredKey }) });
  return result.signatures[0]!.verified.then(() => true, () => false);
}

type Walked = { metadata: ProviderMetadata; documents: Array<{ path: string; doc: CsafDocument; body: string; signature: string | null }>; index: string; changes: string };

/**
 * A consumer's walk (what csaf_downloader does): the metadata (valid against its schema), the directory it names,
 * index.txt and changes.csv, then each document, whose hashes must match its bytes and whose signature, when the
 * provider lists keys, must verify with one of them — by gpg and by OpenPGP.js.
 */
async function walk(): Promise<Walked> {
  const meta = await text("/.well-known/csaf/provider-metadata.json");
  expect(meta.status).toBe(200);
  expect(meta.type).toBe("application/json; charset=utf-8");
  const metadata = JSON.parse(meta.body) as ProviderMetadata;
  expect(providerMetadataErrors(metadata)).toEqual([]);
  const directory = metadata.distributions[0]!.directory_url;
  expect(directory).toMatch(/\/\.well-known\/csaf\/white$/);
  const index = await text(`${directory}/index.txt`);
  const changes = await text(`${directory}/changes.csv`);
  expect([index.status, changes.status]).toEqual([200, 200]);
  expect(index.type).toBe("text/plain; charset=utf-8");
  expect(changes.type).toBe("text/csv; charset=utf-8");
  const keys = await Promise.all(
    metadata.public_openpgp_keys.map(async (k) => {
      const r = await text(k.url);
      expect(r.status).toBe(200);
      gpg.importKey(r.body);
      return { fingerprint: k.fingerprint, armored: r.body };
    }),
  );
  const documents = [];
  for (const path of index.body.split("\n").filter(Boolean)) {
    const [year, file] = path.split("/") as [string, string];
    const doc = await text(`${directory}/${path}`);
    expect(doc.status).toBe(200);
    expect(doc.type).toBe("application/json; charset=utf-8");
    const bytes = Buffer.from(doc.body, "utf8");
    for (const algorithm of ["sha256", "sha512"] as const) {
      const hash = await text(`${directory}/${path}.${algorithm}`);
      expect(hash.body).toBe(`${createHash(algorithm).update(bytes).digest("hex")}  ${file}\n`);
    }
    const parsed = JSON.parse(doc.body) as CsafDocument;
    expect(await csafFailures(parsed, { overHttp: true })).toEqual([]);
    expect(path).toBe(`${parsed.document.tracking.initial_release_date.slice(0, 4)}/${file}`);
    expect(year).toMatch(/^\d{4}$/);
    expect(changes.body).toContain(`"${path}","${parsed.document.tracking.current_release_date}"\n`);
    const asc = await text(`${directory}/${path}.asc`);
    if (keys.length === 0) {
      expect(asc.status).toBe(404);
    } else {
      expect(asc.status).toBe(200);
      expect(asc.type).toBe("application/pgp-signature");
      const signer = gpg.verifyDetached(asc.body, bytes);
      expect(keys.map((k) => k.fingerprint)).toContain(signer);
      const key = keys.find((k) => k.fingerprint === signer)!;
      expect(await verifyWithOpenpgp(asc.body, bytes, key.armored)).toBe(true);
      // The signature is of these bytes: one changed byte fails with both implementations.
      const tampered = Buffer.from(doc.body.replace(parsed.document.title, `${parsed.document.title}!`), "utf8");
      expect(gpg.verifyDetached(asc.body, tampered)).toBeNull();
      expect(await verifyWithOpenpgp(asc.body, tampered, key.armored)).toBe(false);
    }
    documents.push({ path, doc: parsed, body: doc.body, signature: asc.status === 200 ? asc.body : null });
  }
  return { metadata, documents, index: index.body, changes: changes.body };
}

const SETTINGS = {
  name: "archiver",
  slug: "archiver",
  repositoryUrl: "https://github.com/acme/archiver",
  packages: "PyPI archiver",
  publisherName: "The archiver project",
  publisherNamespace: "https://archiver.example",
  osvPrefix: "x_archiver",
  announceAddress: "",
  defaultDisclosureTime: "14:00",
  defaultDisclosureZone: "UTC",
  securityAddress: "security@archiver.example",
};

const FIELDS = {
  title: "Heap overflow in parse_header()",
  summary: "A crafted archive header overflows a buffer.",
  description: "Reading a header longer than **4096 bytes** overflows `buf`.",
  remediation: "Upgrade to 4.2.7.",
  cveIds: "CVE-2026-41234",
  cwe: "CWE-787",
  cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
  reporterCredit: "Jane Doe (Example Labs)",
  affectedPackages: JSON.stringify([{ ecosystem: "PyPI", name: "archiver", purl: "", rangeType: "ECOSYSTEM", repo: "", introduced: "4.0.0", fixed: "4.2.7", lastAffected: "" }]),
};

describeEachDatabase("CSAF provider directory", (db) => {
  beforeEach(() => forgetCachedKeys());

  async function world(options: { key: boolean }) {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const org = await db.client.organisation.create({ data: { name: "Acme", status: "ACTIVE" } });
    await db.client.user.create({ data: { email: "ann@acme.example", role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: org.id } } } });
    await saveProjectSettings(m, ProjectSettingsSchema.parse(SETTINGS), request);
    if (options.key) await generateKeyForProject(m, GenerateKeySchema.parse({}), request);
    const notice = async (title: string) => {
      const input = NoticeDraftSchema.parse({ ...FIELDS, title, disclosureAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), audience: "SELECTED", organisationIds: [org.id] });
      const { id, reference } = await createNoticeDraft(m, input, request);
      await sendNotice(m, { noticeId: id, overrideReason: null }, request);
      return { id, reference, file: `${reference.toLowerCase()}.json` };
    };
    return { m, notice };
  }

  const publicationJobs = async (noticeId: string) =>
    (await db.client.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'csaf.publish' AND data->>'noticeId' = ${noticeId}`)[0]!.n;

  it("disclosure publishes the signed document; a later change publishes the next version; embargoed and withdrawn never appear", async () => {
    const { m, notice } = await world({ key: true });
    const [active] = await listPublishedKeys();
    const a = await notice("Heap overflow in parse_header()");
    const embargoed = await notice("Still embargoed: use-after-free in the archive index");
    const year = new Date().getUTCFullYear();

    // Under embargo: an empty directory, and the document's would-be address is not found.
    expect(await walk()).toMatchObject({ documents: [], index: "", changes: "" });
    expect((await fetchCsaf(`/.well-known/csaf/white/${year}/${a.file}`)).status).toBe(404);
    expect(await publishCsafDocument(a.id)).toBe("not-public");

    await endEmbargoNow(m, { noticeId: a.id, reason: "Fixed upstream" }, request);
    // The publication job was queued by the disclosure's own transaction; it runs here as a worker would.
    expect(await publicationJobs(a.id)).toBe(1);
    expect(await publicationJobs(embargoed.id)).toBe(0);
    expect(await publishCsafDocument(a.id)).toBe("published");

    const first = await walk();
    expect(first.metadata.role).toBe("csaf_provider");
    expect(first.metadata.public_openpgp_keys).toEqual([{ fingerprint: active!.fingerprint, url: `${getConfig().publicUrl.replace(/\/$/, "")}/.well-known/csaf/openpgp/${active!.fingerprint}.asc` }]);
    expect(first.metadata.publisher).toEqual({ category: "vendor", name: "The archiver project", namespace: "https://archiver.example" });
    expect(first.index).toBe(`${year}/${a.file}\n`);
    expect(first.documents).toHaveLength(1);
    const doc = first.documents[0]!.doc;
    expect(doc.document.tracking).toMatchObject({ id: a.reference, status: "final" });
    expect(doc.document.distribution.tlp.label).toBe("WHITE");
    expect(first.documents[0]!.body).not.toContain(embargoed.reference);
    expect(first.documents[0]!.body).not.toContain("Acme");
    // The same bytes at every request (hashes and signature are of what is served), and a second run changes nothing.
    expect((await text(`/.well-known/csaf/white/${first.documents[0]!.path}`)).body).toBe(first.documents[0]!.body);
    expect(await publishCsafDocument(a.id)).toBe("unchanged");
    expect(await reconcileCsafDirectory()).toEqual({ published: 0, signed: 0, failed: 0 });
    // The advisory's own CSAF address (the document's self reference) serves the very same version and bytes.
    expect(`${JSON.stringify(await getPublicCsaf(a.id), null, 2)}\n`).toBe(first.documents[0]!.body);
    // Year listings: this year's files, any other year (or no year) not found.
    const listing = await text(`/.well-known/csaf/white/${year}`);
    expect(listing.body).toContain(`href="/.well-known/csaf/white/${year}/${a.file}.asc"`);
    expect((await text("/.well-known/csaf/white")).body).toContain(`href="/.well-known/csaf/white/${year}/"`);
    expect((await fetchCsaf(`/.well-known/csaf/white/${year - 1}`)).status).toBe(404);
    expect((await fetchCsaf("/.well-known/csaf/white/latest")).status).toBe(404);
    expect((await fetchCsaf(`/.well-known/csaf/white/${year}/${embargoed.file}`)).status).toBe(404);
    expect((await fetchCsaf(`/.well-known/csaf/white/${year}/${a.file}.md5`)).status).toBe(404);
    expect((await fetchCsaf(`/.well-known/csaf/openpgp/${"A".repeat(40)}.asc`)).status).toBe(404);

    // Conditional requests: the document by its ETag or its time; the computed files by their ETag.
    const served = await fetchCsaf(`/.well-known/csaf/white/${year}/${a.file}`);
    expect(served.headers.get("cache-control")).toBe("public, max-age=60");
    const etag = served.headers.get("etag")!;
    expect((await fetchCsaf(`/.well-known/csaf/white/${year}/${a.file}`, { "if-none-match": etag })).status).toBe(304);
    expect((await fetchCsaf(`/.well-known/csaf/white/${year}/${a.file}`, { "if-modified-since": served.headers.get("last-modified")! })).status).toBe(304);
    expect((await fetchCsaf(`/.well-known/csaf/white/${year}/${a.file}`, { "if-none-match": '"other"' })).status).toBe(200);
    const indexTag = (await fetchCsaf("/.well-known/csaf/white/index.txt")).headers.get("etag")!;
    expect((await fetchCsaf("/.well-known/csaf/white/index.txt", { "if-none-match": indexTag })).status).toBe(304);

    // A later change to the public document (the publisher's name, in Settings): the upkeep publishes version n+1.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await saveProjectSettings(m, ProjectSettingsSchema.parse({ ...SETTINGS, publisherName: "The archiver security team" }), request);
    expect(await reconcileCsafDirectory()).toEqual({ published: 1, signed: 0, failed: 0 });
    const second = await walk();
    const updated = second.documents[0]!;
    expect(updated.path).toBe(first.documents[0]!.path);
    expect(Number(updated.doc.document.tracking.version)).toBe(Number(doc.document.tracking.version) + 1);
    expect(updated.doc.document.tracking.revision_history.at(-1)!.summary).toMatch(/^Public document updated/);
    expect(updated.doc.document.publisher.name).toBe("The archiver security team");
    expect(second.metadata.publisher.name).toBe("The archiver security team");
    expect(second.changes).toBe(`"${updated.path}","${updated.doc.document.tracking.current_release_date}"\n`);
    expect(updated.signature).not.toBe(first.documents[0]!.signature);
    expect((await fetchCsaf(`/.well-known/csaf/white/${year}/${a.file}`, { "if-none-match": etag })).status).toBe(200);
    expect(await db.client.csafPublication.count({ where: { noticeId: a.id } })).toBe(2);
    expect(`${JSON.stringify(await getPublicCsaf(a.id), null, 2)}\n`).toBe(updated.body);

    // Withdrawn after disclosure: every file leaves the directory; the embargoed notice was never there.
    await withdrawNotice(m, { noticeId: a.id, reason: "Not a vulnerability after all" }, request);
    expect(await walk()).toMatchObject({ documents: [], index: "", changes: "" });
    for (const ext of ["", ".sha256", ".sha512", ".asc"]) expect((await fetchCsaf(`/.well-known/csaf/white/${year}/${a.file}${ext}`)).status).toBe(404);
    expect(await publishCsafDocument(a.id)).toBe("not-public");
    expect(await reconcileCsafDirectory()).toEqual({ published: 0, signed: 0, failed: 0 });
  });

  it("without a project key: published unsigned, no .asc and no key listed; once a key exists the same bytes get its signature", async () => {
    const { m, notice } = await world({ key: false });
    expect(await getSigningState()).toMatchObject({ on: false });
    const a = await notice("Integer overflow in the size field");
    await endEmbargoNow(m, { noticeId: a.id, reason: "Fixed upstream" }, request);
    expect(await publishCsafDocument(a.id)).toBe("published");
    const unsigned = await walk();
    expect(unsigned.metadata.public_openpgp_keys).toEqual([]);
    expect(unsigned.documents).toHaveLength(1);
    expect(unsigned.documents[0]!.signature).toBeNull();

    await generateKeyForProject(m, GenerateKeySchema.parse({}), request);
    expect(await reconcileCsafDirectory()).toEqual({ published: 0, signed: 1, failed: 0 });
    const signed = await walk();
    expect(signed.metadata.public_openpgp_keys).toHaveLength(1);
    expect(signed.documents[0]!.body).toBe(unsigned.documents[0]!.body);
    expect(signed.documents[0]!.signature).toMatch(/^-----BEGIN PGP SIGNATURE-----/);
  });

  it("with the key revoked (signing on, unusable): nothing is published, the job fails to be retried; a new key publishes it", async () => {
    const { m, notice } = await world({ key: true });
    const a = await notice("Path traversal in extract()");
    const [key] = await listPublishedKeys();
    const row = await db.client.projectKey.findUniqueOrThrow({ where: { fingerprint: key!.fingerprint }, select: { id: true } });
    await revokeProjectKey(m, RevokeKeySchema.parse({ keyId: row.id, reason: "compromised", confirm: key!.fingerprint.slice(-8) }), request);
    expect((await getSigningState()).problem).not.toBeNull();

    await endEmbargoNow(m, { noticeId: a.id, reason: "Fixed upstream" }, request);
    await expect(publishCsafDocument(a.id)).rejects.toThrow();
    expect(await reconcileCsafDirectory()).toEqual({ published: 0, signed: 0, failed: 1 });
    expect(await walk()).toMatchObject({ documents: [], index: "" });
    expect(await db.client.csafPublication.count()).toBe(0);

    await generateKeyForProject(m, GenerateKeySchema.parse({}), request);
    expect(await publishCsafDocument(a.id)).toBe("published");
    const walked = await walk();
    expect(walked.documents).toHaveLength(1);
    // The revoked key is still listed (so verifiers learn of the revocation); the document is signed by the new one.
    const active = (await getSigningState()).fingerprint;
    expect(walked.metadata.public_openpgp_keys.map((k) => k.fingerprint)).toEqual(expect.arrayContaining([active, key!.fingerprint]));
    expect(gpg.verifyDetached(walked.documents[0]!.signature!, Buffer.from(walked.documents[0]!.body, "utf8"))).toBe(active);
  });
});
