// The notice server actions as a form posts them, against the real data layer on PGlite and PostgreSQL: repeated
// fields survive, bad input changes nothing, anyone but a maintainer is refused, and each step of the lifecycle
// lands where the pages expect it.
import { beforeEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { ANONYMOUS, type Viewer } from "@/lib/server/viewer-types";

const session = vi.hoisted(() => ({ viewer: { kind: "anonymous" } as Viewer }));
vi.mock("@/lib/auth/viewer", () => ({
  getViewer: async () => session.viewer,
  getRequestInfo: async () => ({ ip: "192.0.2.9", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
// next/navigation's redirect() throws a signal; so does this one, carrying the URL.
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("redirect"), { digest: `NEXT_REDIRECT;replace;${url};307;`, url });
  },
}));

const actions = await import("./actions");

const inDays = (d: number) => new Date(Date.now() + d * 24 * 3_600_000);
const iso = (d: Date) => d.toISOString();

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  f.append("$ACTION_ID_abc", "");
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  return f;
}

async function redirected(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const url = (error as { url?: string }).url;
    if (url) return url;
    throw error;
  }
  throw new Error("expected a redirect");
}

describeEachDatabase("notice actions", (db) => {
  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const org = async (name: string) => {
      const o = await db.client.organisation.create({ data: { name, status: "ACTIVE", roleAddress: `security@${name.toLowerCase()}.example` } });
      const u = await db.client.user.create({ data: { email: `ann@${name.toLowerCase()}.example`, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: o.id } } } });
      return { ...o, person: vendor(u, o) };
    };
    return { m, acme: await org("Acme"), globex: await org("Globex"), initech: await org("Initech") };
  }

  const fields = (extra: Record<string, string | string[]> = {}) => ({
    title: "Heap overflow in parse_header()",
    summary: "A crafted header overflows a buffer.",
    description: "## Details\n\nSecret *details*.",
    remediation: "",
    detection: "",
    affectedVersions: "< 2.0",
    fixedVersions: "2.0.1",
    cveIds: "CVE-2026-1234",
    relatedCveIds: "cve-2026-5678",
    cwe: "787",
    cvssVector: "",
    severity: "HIGH",
    disclosureAt: `${iso(inDays(5)).slice(0, 16)}Z`,
    patchEmbargoed: "on",
    embargoNotes: "",
    reporterCredit: "Jane Doe",
    audience: "ALL_ACTIVE",
    ...extra,
  });

  beforeEach(() => {
    session.viewer = ANONYMOUS;
  });

  it("creates a draft with every chosen organisation (a repeated field), then opens it", async () => {
    const w = await world();
    session.viewer = w.m;
    const url = await redirected(actions.createNoticeAction(null, form(fields({ audience: "SELECTED", organisationIds: [w.acme.id, w.globex.id] }))));
    const id = url.split("/").pop()!;
    expect(url).toBe(`/maintainer/notices/${id}`);
    const notice = await db.client.notice.findUniqueOrThrow({ where: { id }, include: { audienceOrgs: true } });
    expect(notice).toMatchObject({ state: "DRAFT", audience: "SELECTED", cveIds: ["CVE-2026-1234"], relatedCveIds: ["CVE-2026-5678"], cwe: "CWE-787", severity: "HIGH", patchEmbargoed: true, deployBeforeDisclosure: false });
    expect(notice.audienceOrgs.map((a) => a.organisationId).sort()).toEqual([w.acme.id, w.globex.id].sort());
  });

  it("answers field errors for bad input and changes nothing", async () => {
    const w = await world();
    session.viewer = w.m;
    const result = await actions.createNoticeAction(null, form(fields({ cveIds: "CVE-26-1", disclosureAt: "2026-12-08T14:00", audience: "SELECTED" })));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // (The audience rule is a refinement of the whole draft: zod checks it once the fields themselves are valid.)
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["cveIds", "disclosureAt"]);
    const noOrgs = await actions.createNoticeAction(null, form(fields({ audience: "SELECTED" })));
    expect(noOrgs.ok ? null : Object.keys(noOrgs.fieldErrors ?? {})).toEqual(["organisationIds"]);
    // A field the schema does not know is refused too (strict), not ignored.
    expect((await actions.createNoticeAction(null, form(fields({ sneaky: "1" })))).ok).toBe(false);
    expect(await db.client.notice.count()).toBe(0);
  });

  const range = (row: Record<string, string>) => ({ ecosystem: "PyPI", name: "acme-core-py", purl: "", rangeType: "ECOSYSTEM", repo: "", introduced: "", fixed: "2.0", lastAffected: "", ...row });
  const ranges = (...rows: Array<Record<string, string>>) => ({ affectedPackages: JSON.stringify(rows.map(range)) });
  const COMMIT = "0123456789abcdef0123456789abcdef01234567";

  // Each structured-data rule (issue 16), fed through the real action: the message names the field (and the range)
  // and says what to type instead; nothing is created, and an existing draft is left exactly as it was.
  it.each([
    ["an ecosystem spelt otherwise than OSV", ranges({ ecosystem: "pypi" }), "affectedPackages", "Range 1: “pypi” is not spelled as OSV spells it: did you mean PyPI?"],
    ["an unknown ecosystem", ranges({}, { ecosystem: "Pip" }), "affectedPackages", "Range 2: “Pip” is not an OSV ecosystem"],
    ["a distribution without its release", ranges({ ecosystem: "Alpine" }), "affectedPackages", "Alpine needs its release after a colon, e.g. Alpine:v3.16."],
    ["another package's purl", ranges({ name: "acme-lib", purl: "pkg:pypi/acme-lib" }, { purl: "pkg:pypi/acme-lib" }), "affectedPackages", "Range 2: The purl pkg:pypi/acme-lib names another package than PyPI acme-core-py (expected pkg:pypi/acme-core-py)"],
    ["a SEMVER version with a leading v", ranges({ rangeType: "SEMVER", fixed: "v2.0.0" }), "affectedPackages", "“v2.0.0” is not a SemVer 2.0 version"],
    ["a branch name in a git range", ranges({ rangeType: "GIT", ecosystem: "", repo: "https://github.com/acme/core", fixed: "main" }), "affectedPackages", "“main” is not a full commit hash"],
    ["a git range without a repository", ranges({ rangeType: "GIT", ecosystem: "", fixed: COMMIT }), "affectedPackages", "a git range needs the repository's https:// URL"],
    ["introduced after fixed", ranges({ rangeType: "SEMVER", introduced: "2.1.0", fixed: "2.0.0" }), "affectedPackages", "(2.1.0) must come before the fixed version (2.0.0)"],
    ["a repeated CVSS metric", { cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/AV:L" }, "cvssVector", "The metric AV is given twice (AV:N and AV:L)"],
    ["an unknown CVSS metric", { cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/ZZ:H" }, "cvssVector", "CVSS v4.0 has no metric “ZZ”"],
    ["a second CVE id", { cveIds: "CVE-2026-1234, CVE-2026-9999" }, "cveIds", "A notice is one vulnerability with one CVE ID: keep CVE-2026-1234 here and list CVE-2026-9999 under “Related CVE IDs”"],
    ["its own CVE as related", { relatedCveIds: "CVE-2026-1234" }, "relatedCveIds", "CVE-2026-1234 is this notice's own CVE ID"],
  ])("refuses %s with its message, and stores nothing", async (_what, extra, field, message) => {
    const w = await world();
    session.viewer = w.m;
    const created = await actions.createNoticeAction(null, form(fields(extra)));
    expect(created.ok).toBe(false);
    if (!created.ok) expect(created.fieldErrors?.[field]?.join(" ")).toContain(message);
    expect(await db.client.notice.count()).toBe(0);

    const id = (await redirected(actions.createNoticeAction(null, form(fields())))).split("/").pop()!;
    const before = await db.client.notice.findUniqueOrThrow({ where: { id } });
    const updated = await actions.updateNoticeAction(null, form({ noticeId: id, ...fields({ title: "Changed", ...extra }) }));
    expect(updated.ok ? null : updated.fieldErrors?.[field]?.join(" ")).toContain(message);
    expect(await db.client.notice.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it("stores what the rules accept: OSV spellings, each row's own purl (whatever purl was posted), full commits, the labelled CVSS score", async () => {
    const w = await world();
    session.viewer = w.m;
    const extra = {
      ...ranges(
        { name: "acme-lib", introduced: "1.0", fixed: "1.2", purl: "pkg:pypi/acme-lib" },
        { ecosystem: "npm", name: "@acme/core", rangeType: "SEMVER", introduced: "1.0.0", fixed: "1.4.2" },
        { ecosystem: "Debian:12", name: "acme-core", fixed: "2.0-1" },
        { rangeType: "GIT", ecosystem: "", name: "core", repo: "https://github.com/acme/core", fixed: COMMIT.toUpperCase() },
      ),
      cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
    };
    const id = (await redirected(actions.createNoticeAction(null, form(fields(extra))))).split("/").pop()!;
    const notice = await db.client.notice.findUniqueOrThrow({ where: { id } });
    expect((notice.affectedPackages as Array<{ ecosystem: string; purl: string | null; events: unknown }>).map((r) => [r.ecosystem, r.purl, r.events])).toEqual([
      ["PyPI", "pkg:pypi/acme-lib", [{ introduced: "1.0" }, { fixed: "1.2" }]],
      ["npm", "pkg:npm/%40acme/core", [{ introduced: "1.0.0" }, { fixed: "1.4.2" }]],
      ["Debian:12", "pkg:deb/debian/acme-core", [{ introduced: "0" }, { fixed: "2.0-1" }]],
      ["", null, [{ introduced: "0" }, { fixed: COMMIT }]],
    ]);
    expect(notice).toMatchObject({ cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U" });
    expect(notice.cvssScore).toBeLessThan(9.3);
  });

  it("refuses anyone but a maintainer with the second factor, with nothing written", async () => {
    const w = await world();
    for (const viewer of [ANONYMOUS, w.acme.person, { ...w.m, secondFactor: false }] as Viewer[]) {
      session.viewer = viewer;
      expect(await actions.createNoticeAction(null, form(fields()))).toEqual({ ok: false, error: "Not found." });
    }
    session.viewer = w.m;
    const id = (await redirected(actions.createNoticeAction(null, form(fields())))).split("/").pop()!;
    session.viewer = w.acme.person;
    expect(await actions.updateNoticeAction(null, form({ noticeId: id, ...fields({ title: "Owned" }) }))).toEqual({ ok: false, error: "Not found." });
    expect(await actions.sendNoticeAction(null, form({ noticeId: id }))).toEqual({ ok: false, error: "Not found." });
    expect(await actions.withdrawNoticeAction(null, form({ noticeId: id, reason: "not real" }))).toEqual({ ok: false, error: "Not found." });
    expect(await db.client.notice.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: "Heap overflow in parse_header()", state: "DRAFT" });
  });

  it("edits, sends, reminds, moves the date and ends the embargo", async () => {
    const w = await world();
    session.viewer = w.m;
    const id = (await redirected(actions.createNoticeAction(null, form(fields())))).split("/").pop()!;

    expect(await redirected(actions.updateNoticeAction(null, form({ noticeId: id, ...fields({ title: "Renamed", audience: "SELECTED", organisationIds: [w.acme.id, w.initech.id] }) })))).toBe(`/maintainer/notices/${id}`);
    expect(await db.client.notice.findUniqueOrThrow({ where: { id }, select: { title: true, audienceOrgs: { select: { organisationId: true } } } })).toMatchObject({ title: "Renamed", audienceOrgs: expect.arrayContaining([{ organisationId: w.acme.id }, { organisationId: w.initech.id }]) });

    expect(await redirected(actions.sendNoticeAction(null, form({ noticeId: id, overrideReason: "" })))).toBe(`/maintainer/notices/${id}?sent=1&emails=4`);
    const recipients = await db.client.noticeRecipient.findMany({ where: { noticeId: id }, select: { id: true, organisationId: true } });
    expect(recipients.map((r) => r.organisationId).sort()).toEqual([w.acme.id, w.initech.id].sort());
    // Sent: no more edits.
    const again = await actions.updateNoticeAction(null, form({ noticeId: id, ...fields() }));
    expect(again.ok).toBe(false);

    const acmeRow = recipients.find((r) => r.organisationId === w.acme.id)!;
    expect(await actions.remindSilentAction(null, form({ noticeId: id, recipientId: acmeRow.id }))).toMatchObject({ ok: true, data: { organisations: 1 }, message: "Reminder queued for 1 organisation." });
    // A row's form (scope=one) without its organisation reminds nobody, rather than everyone.
    expect(await actions.remindSilentAction(null, form({ noticeId: id, scope: "one" }))).toMatchObject({ ok: false });
    expect(await actions.remindSilentAction(null, form({ noticeId: id }))).toMatchObject({ ok: true, data: { organisations: 2 } });

    const moved = await actions.changeDisclosureDateAction(null, form({ noticeId: id, disclosureAt: `${iso(inDays(6)).slice(0, 16)}Z`, changeNote: "Upstream needs a day more", overrideReason: "" }));
    expect(moved).toMatchObject({ ok: true, data: { revision: 1 } });
    const tooLong = await actions.changeDisclosureDateAction(null, form({ noticeId: id, disclosureAt: iso(inDays(30)), changeNote: "Much later" }));
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.fieldErrors?.disclosureAt?.[0]).toMatch(/more than 14 days/);

    expect(await actions.endEmbargoAction(null, form({ noticeId: id, reason: "x" }))).toMatchObject({ ok: false, fieldErrors: { reason: [expect.any(String)] } });
    expect(await actions.endEmbargoAction(null, form({ noticeId: id, reason: "Exploited in the wild" }))).toMatchObject({ ok: true });
    expect(await db.client.notice.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "DISCLOSED", endReason: "Exploited in the wild" });
    expect((await actions.remindSilentAction(null, form({ noticeId: id }))).ok).toBe(false);
  });

  it("sends beyond the maximum embargo only with a reason", async () => {
    const w = await world();
    session.viewer = w.m;
    const id = (await redirected(actions.createNoticeAction(null, form(fields({ disclosureAt: iso(inDays(20)) }))))).split("/").pop()!;
    const refused = await actions.sendNoticeAction(null, form({ noticeId: id, overrideReason: "" }));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { disclosureAt: [expect.stringMatching(/more than 14 days/)] } });
    expect(await redirected(actions.sendNoticeAction(null, form({ noticeId: id, overrideReason: "Three distributions need a month" })))).toBe(`/maintainer/notices/${id}?sent=1&emails=6`);
    expect(await db.client.notice.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "EMBARGOED", embargoOverrideReason: "Three distributions need a month" });
  });

  it("withdraws a draft with its reason", async () => {
    const w = await world();
    session.viewer = w.m;
    const id = (await redirected(actions.createNoticeAction(null, form(fields())))).split("/").pop()!;
    expect(await actions.withdrawNoticeAction(null, form({ noticeId: id, reason: "Not a real issue" }))).toMatchObject({ ok: true, message: "Notice withdrawn." });
    expect(await db.client.notice.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "WITHDRAWN", endReason: "Not a real issue" });
  });
});
