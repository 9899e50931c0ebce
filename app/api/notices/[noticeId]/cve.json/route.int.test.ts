// The CVE record (CNA container) through its route handler, on PGlite and PostgreSQL: maintainers download a disclosed
// notice's container, valid against the official schema, as `<CVE-ID>.json`, never cached, and audited; a draft, an
// embargoed or a withdrawn notice, or one without a CVE ID, is refused with the reason; everyone else — vendors of
// the addressed organisation and of another, anonymous visitors, a maintainer without the second factor — gets the
// 404 that names nothing, at every stage.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { beforeEach, expect, it, vi } from "vitest";
import schema from "@/test/fixtures/cve-record-format-bundled.json";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { ANONYMOUS, type Viewer } from "@/lib/server/viewer-types";
import { acceptNoticeTerms, createNoticeDraft, sendNotice } from "@/lib/notices/data";
import { NoticeDraftSchema } from "@/lib/notices/schemas";
import { endEmbargoNow, withdrawNotice } from "@/lib/advisories/data";
import { saveProjectSettings } from "@/lib/settings/data";
import { ProjectSettingsSchema } from "@/lib/settings/schemas";

const session = vi.hoisted(() => ({ viewer: { kind: "anonymous" } as Viewer }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer, getRequestInfo: async () => ({ ip: "192.0.2.17", userAgent: "vitest" }) }));

const { GET } = await import("./route");
const request = { ip: "192.0.2.1", userAgent: "vitest" };
const get = (noticeId: string) => GET(new Request(`http://localhost/api/notices/${noticeId}/cve.json`), { params: Promise.resolve({ noticeId }) });

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema(schema);
const validateContainer = ajv.getSchema(`${schema.$id}#/definitions/cnaPublishedContainer`)!;

const FIELDS = {
  title: "Secret heap overflow in parse_header()",
  summary: "A crafted archive header overflows a buffer.",
  cveIds: "CVE-2026-41234",
  cwe: "CWE-787",
  cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
  reporterCredit: "Jane Doe (Example Labs)",
  references: "fix https://github.com/acme/archiver/commit/0123456789abcdef0123456789abcdef01234567",
  affectedPackages: JSON.stringify([
    { ecosystem: "PyPI", name: "archiver", purl: "", rangeType: "ECOSYSTEM", repo: "", introduced: "4.0.0", fixed: "4.2.7", lastAffected: "" },
    { ecosystem: "npm", name: "@acme/archiver", purl: "", rangeType: "SEMVER", repo: "", introduced: "4.0.0", fixed: "", lastAffected: "4.2.6" },
    { ecosystem: "", name: "archiver", purl: "", rangeType: "GIT", repo: "https://github.com/acme/archiver", introduced: "", fixed: "0123456789abcdef0123456789abcdef01234567", lastAffected: "" },
  ]),
};

describeEachDatabase("CVE record route", (db) => {
  beforeEach(() => {
    session.viewer = ANONYMOUS;
  });

  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const mk = async (name: string, email: string) => {
      const org = await db.client.organisation.create({ data: { name, status: "ACTIVE" } });
      const user = await db.client.user.create({ data: { email, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: org.id } } } });
      return vendor(user, org);
    };
    const a = await mk("Acme", "ann@acme.example");
    const b = await mk("Globex", "gus@globex.example");
    const settings = ProjectSettingsSchema.parse({ name: "archiver", slug: "archiver", repositoryUrl: "https://github.com/acme/archiver", packages: "", publisherName: "The archiver project", publisherNamespace: "https://archiver.example", osvPrefix: "x_archiver", announceAddress: "", defaultDisclosureTime: "14:00", defaultDisclosureZone: "UTC" });
    await saveProjectSettings(m, settings, request);
    const draft = async (fields: Record<string, unknown>) => createNoticeDraft(m, NoticeDraftSchema.parse({ disclosureAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), audience: "SELECTED", organisationIds: [a.organisationId], ...fields }), request);
    return { m, a, b, draft };
  }

  /** Everyone but the maintainer: the same 404, naming nothing of the notice. */
  async function expectNobodyElse(w: Awaited<ReturnType<typeof world>>, id: string) {
    for (const viewer of [ANONYMOUS, w.a, w.b, { ...w.m, secondFactor: false }] as Viewer[]) {
      session.viewer = viewer;
      const refused = await get(id);
      expect(refused.status, `${viewer.kind}`).toBe(404);
      expect(await refused.text()).not.toMatch(/Secret|CVE-2026|FW-|archiver/);
    }
  }

  it("maintainers download a disclosed notice's CNA container; drafts and embargoed notices are refused with the reason; nobody else gets anything", async () => {
    const w = await world();
    const { id, reference } = await w.draft(FIELDS);
    const audited = () => db.client.auditEvent.findMany({ where: { action: "notice.cve-record-downloaded" }, select: { actorId: true, targetId: true, ipAddress: true, details: true } });

    session.viewer = w.m;
    const asDraft = await get(id);
    expect(asDraft.status).toBe(409);
    expect(await asDraft.text()).toBe(`${reference} is a draft: its CVE record can be downloaded once it has been sent and disclosed.\n`);
    await expectNobodyElse(w, id);

    await sendNotice(w.m, { noticeId: id, overrideReason: null }, request);
    // Org A's member has accepted the terms and reads the notice: the CVE record is still the maintainers' alone.
    await acceptNoticeTerms(w.a, id, request);
    session.viewer = w.m;
    const embargoed = await get(id);
    expect(embargoed.status).toBe(409);
    expect(embargoed.headers.get("cache-control")).toBe("private, no-store");
    expect(await embargoed.text()).toContain(`${reference} is under embargo`);
    await expectNobodyElse(w, id);
    expect(await audited()).toEqual([]);

    await endEmbargoNow(w.m, { noticeId: id, reason: "Fixed upstream" }, request);
    session.viewer = w.m;
    const ok = await get(id);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toBe('attachment; filename="CVE-2026-41234.json"');
    expect(ok.headers.get("cache-control")).toBe("private, no-store");
    expect(ok.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const container = (await ok.json()) as Record<string, unknown>;
    expect(validateContainer({ providerMetadata: { orgId: "8254265b-2729-46b6-b9e3-3dfca2d5bfca" }, ...container }), JSON.stringify(validateContainer.errors, null, 2)).toBe(true);
    expect(container).toMatchObject({
      title: FIELDS.title,
      problemTypes: [{ descriptions: [{ cweId: "CWE-787" }] }],
      metrics: [{ cvssV4_0: { vectorString: FIELDS.cvssVector, baseScore: 9.3, baseSeverity: "CRITICAL" } }],
      credits: [{ lang: "en", value: "Jane Doe (Example Labs)", type: "reporter" }],
      affected: [
        { collectionURL: "https://pypi.python.org", packageName: "archiver", versions: [{ version: "4.0.0", lessThan: "4.2.7", versionType: "python", status: "affected" }] },
        { collectionURL: "https://registry.npmjs.org", packageName: "@acme/archiver", versions: [{ version: "4.0.0", lessThanOrEqual: "4.2.6", versionType: "semver", status: "affected" }] },
        { repo: "https://github.com/acme/archiver", versions: [{ version: "0", lessThan: "0123456789abcdef0123456789abcdef01234567", versionType: "git", status: "affected" }] },
      ],
    });
    // Disclosed and public: still nobody else's to download here (the public forms are OSV and CSAF).
    await expectNobodyElse(w, id);
    expect(await audited()).toEqual([{ actorId: w.m.userId, targetId: id, ipAddress: "192.0.2.17", details: { reference, cveId: "CVE-2026-41234" } }]);

    // Withdrawn after disclosure: no record any more.
    await withdrawNotice(w.m, { noticeId: id, reason: "Not a vulnerability after all" }, request);
    session.viewer = w.m;
    const withdrawn = await get(id);
    expect(withdrawn.status).toBe(409);
    expect(await withdrawn.text()).toContain("was withdrawn");
    expect((await get("no-such-notice")).status).toBe(404);
    expect(await audited()).toHaveLength(1);
  });

  it("a disclosed notice without a CVE ID is refused with what to do; an opted-out reporter is not credited", async () => {
    const w = await world();
    const bare = await w.draft({ title: "No CVE here" });
    const optedOut = await w.draft({ ...FIELDS, reporterOptOut: "on" });
    for (const n of [bare, optedOut]) {
      await sendNotice(w.m, { noticeId: n.id, overrideReason: null }, request);
      await endEmbargoNow(w.m, { noticeId: n.id, reason: "Public now" }, request);
    }
    session.viewer = w.m;
    const refused = await get(bare.id);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(`${bare.reference} has no CVE ID`);
    const ok = await get(optedOut.id);
    expect(ok.status).toBe(200);
    const container = (await ok.json()) as Record<string, unknown>;
    expect(container.credits).toBeUndefined();
    expect(JSON.stringify(container)).not.toContain("Jane Doe");
  });
});
