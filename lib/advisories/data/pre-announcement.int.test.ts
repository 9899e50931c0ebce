// The public pre-announcement through the database, on PGlite and PostgreSQL: a notice whose every other field holds a
// canary is pre-announced; the public index's data, the Atom feed and the announce list's email carry the date, the
// severity and the range, and none of the canaries; a new date and a new rating follow; disclosure turns it into the
// advisory (same feed entry); withdrawal cancels it without a word more. Who may, and when.
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { NoticeDraftSchema, PreAnnounceSchema } from "@/lib/notices/schemas";
import { changeDisclosureDate, createNoticeDraft, getPreAnnouncementPanel, publishPreAnnouncement, reviseNotice, sendNotice } from "@/lib/notices/data";
import { renderPreAnnouncement } from "@/lib/notices/pre-announcement";
import { saveProjectSettings } from "@/lib/settings/data";
import { ProjectSettingsSchema } from "@/lib/settings/schemas";
import { endEmbargoNow, withdrawNotice } from "./publication";
import { getAtomFeed, listUpcomingReleases, searchPublicAdvisories } from ".";

const request = { ip: "192.0.2.77", userAgent: "vitest" };
const LIST = "announce@canary-project.example";

// Every field of the notice that must never be public holds its own canary (a CVE or CWE id is its own canary: it
// has a fixed shape). The reference is the notice's own, checked below.
const C = (field: string) => `QZX${field}CANARY`;
const FIELDS = {
  title: `Overflow ${C("title")}`,
  summary: `Summary ${C("summary")}`,
  description: `Description ${C("description")}`,
  remediation: `Remediation ${C("remediation")}`,
  mitigation: `Mitigation ${C("mitigation")}`,
  workaround: `Workaround ${C("workaround")}`,
  detection: `Detection ${C("detection")}`,
  affectedVersions: `free text ${C("affectedversions")}`,
  fixedVersions: `free text ${C("fixedversions")}`,
  embargoNotes: `Notes ${C("embargonotes")}`,
  cveIds: "CVE-2026-918273",
  relatedCveIds: "CVE-2026-918274",
  cwe: "CWE-787",
  cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
  reporterCredit: `Reporter ${C("credit")}`,
  references: `https://${C("reference").toLowerCase()}.example/advisory`,
  affectedPackages: JSON.stringify([
    { ecosystem: "PyPI", name: `${C("package").toLowerCase()}`, purl: "", rangeType: "ECOSYSTEM", repo: "", introduced: "2.0.0", fixed: "2.4.2", lastAffected: "" },
    { ecosystem: "", name: "repo", purl: "", rangeType: "GIT", repo: `https://${C("repo").toLowerCase()}.example/x`, introduced: "", fixed: "0123456789abcdef0123456789abcdef01234567", lastAffected: "" },
  ]),
};
const CANARIES = [
  ...["title", "summary", "description", "remediation", "mitigation", "workaround", "detection", "affectedversions", "fixedversions", "embargonotes", "credit", "patch", "organisation"].map(C),
  ...["reference", "package", "repo"].map((f) => C(f).toLowerCase()),
  "CVE-2026-918273",
  "CVE-2026-918274",
  "CWE-787",
  "Out-of-bounds",
  "CVSS:",
  "AV:N",
  "0123456789abcdef",
  "m@canary-project.example",
  "ann@canary-org.example",
];

describeEachDatabase("public pre-announcement", (db) => {
  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@canary-project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const org = await db.client.organisation.create({ data: { name: `Org ${C("organisation")}`, status: "ACTIVE" } });
    const u = await db.client.user.create({ data: { email: "ann@canary-org.example", role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: org.id } } } });
    const settings = ProjectSettingsSchema.parse({ name: "libcanary", slug: "libcanary", repositoryUrl: "", packages: "", publisherName: "The libcanary project", publisherNamespace: "https://libcanary.example", osvPrefix: "x_libcanary", announceAddress: LIST, defaultDisclosureTime: "14:00", defaultDisclosureZone: "UTC" });
    await saveProjectSettings(m, settings, request);
    const disclosureAt = new Date(Math.ceil((Date.now() + 5 * 86_400_000) / 60_000) * 60_000);
    const { id, reference } = await createNoticeDraft(m, NoticeDraftSchema.parse({ disclosureAt: disclosureAt.toISOString(), audience: "SELECTED", organisationIds: [org.id], ...FIELDS }), request);
    await db.client.noticeAttachment.create({ data: { noticeId: id, filename: `${C("patch")}.patch`, contentType: "text/x-diff", size: 4, sha256: "0".repeat(64), data: Buffer.from("diff"), uploadedById: m.userId } });
    return { m, v: vendor(u, org), id, reference, disclosureAt };
  }

  /** Publishes as the panel does: the preview rendered from the panel's facts, then confirmed. */
  async function preAnnounce(w: Awaited<ReturnType<typeof world>>, versionRange?: string) {
    const panel = await getPreAnnouncementPanel(w.m, w.id);
    const range = versionRange ?? panel.facts.versionRange;
    const previewed = renderPreAnnouncement(panel.projectName, { ...panel.facts, versionRange: range }).text;
    const input = PreAnnounceSchema.parse({ noticeId: w.id, versionRange: range, previewed, confirm: "on" });
    return publishPreAnnouncement(w.m, input, request);
  }

  const toList = () => db.client.outboxEmail.findMany({ where: { toAddress: LIST }, orderBy: { createdAt: "asc" }, select: { subject: true, textBody: true } });
  /** Everything the public gets: the index page's data, the feed and the list's emails. */
  async function publicSurface() {
    return { index: JSON.stringify({ upcoming: await listUpcomingReleases(), advisories: await searchPublicAdvisories("") }), feed: await getAtomFeed(), emails: JSON.stringify(await toList()) };
  }
  function expectNoCanary(surface: Record<string, string>, w: { id: string; reference: string }) {
    for (const [where, text] of Object.entries(surface)) {
      for (const canary of [...CANARIES, w.reference, w.id]) expect(text, `${canary} in ${where}`).not.toContain(canary);
    }
  }

  it("publishes only the project, the time, the severity and the range: no canary in the index, the feed or the email", async () => {
    const w = await world();
    // A draft: its date is not fixed, and the public must not hear before the recipients.
    expect((await getPreAnnouncementPanel(w.m, w.id)).refusal).toMatch(/^A draft cannot be pre-announced/);
    await expect(preAnnounce(w, "2.0.0 to 2.4.1")).rejects.toThrow(ConflictError);
    await sendNotice(w.m, { noticeId: w.id, overrideReason: null }, request);
    const panel = await getPreAnnouncementPanel(w.m, w.id);
    // Proposed from the structured ranges: versions only (no package name, no commit).
    expect(panel).toMatchObject({ refusal: null, projectName: "libcanary", announceAddress: LIST, proposedRange: "versions 2.0.0 before 2.4.2", published: null });
    expect(await listUpcomingReleases()).toEqual([]);

    const { slug, created } = await preAnnounce(w);
    expect(created).toBe(true);
    expect(slug).toMatch(/^[0-9a-f]{12}$/);
    const when = `${w.disclosureAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
    const words = `Upcoming security release for libcanary: severity Critical, affecting versions 2.0.0 before 2.4.2, on ${when}.`;
    const surface = await publicSurface();
    expect(surface.index).toContain(words);
    expect(surface.feed).toContain(words);
    expect(surface.feed).toContain(`pre-announcement:${slug}</id>`);
    expect(surface.emails).toContain(words);
    expect(await toList()).toEqual([{ subject: `[libcanary security] Upcoming security release for libcanary, ${when}`, textBody: expect.stringContaining(words) }]);
    expectNoCanary(surface, w);
    expect(await db.client.auditEvent.count({ where: { action: "notice.pre-announced", targetId: w.id } })).toBe(1);

    // A correction of the range (the same action, audited) updates the page and tells the list.
    await preAnnounce(w, "2.0.0 to 2.4.1");
    expect((await listUpcomingReleases())[0]?.text).toContain("affecting 2.0.0 to 2.4.1, on");
    await expect(preAnnounce(w, "2.0.0 to 2.4.1")).rejects.toThrow(ValidationError);
    expect(await db.client.auditEvent.count({ where: { action: "notice.pre-announcement-updated", targetId: w.id } })).toBe(1);
    expectNoCanary(await publicSurface(), w);
  });

  it("follows a new date (and tells the list) and a new rating; becomes the advisory at disclosure, in the same feed entry", async () => {
    const w = await world();
    await sendNotice(w.m, { noticeId: w.id, overrideReason: null }, request);
    const { slug } = await preAnnounce(w, "2.0.0 to 2.4.1");
    const before = await db.client.preAnnouncement.findUniqueOrThrow({ where: { slug }, select: { changedAt: true } });

    const moved = new Date(w.disclosureAt.getTime() + 86_400_000);
    await changeDisclosureDate(w.m, { noticeId: w.id, disclosureAt: moved, changeNote: `Later ${C("changenote")}`, overrideReason: null }, request);
    const newWhen = `${moved.toISOString().slice(0, 16).replace("T", " ")} UTC`;
    const [upcoming] = await listUpcomingReleases();
    expect(upcoming?.text).toBe(`Upcoming security release for libcanary: severity Critical, affecting 2.0.0 to 2.4.1, on ${newWhen}.`);
    expect(upcoming!.changedAt.getTime()).toBeGreaterThan(before.changedAt.getTime());
    const feed = await getAtomFeed();
    expect(feed).toContain(`on ${newWhen}.`);
    expect(feed).toContain(`<updated>${upcoming!.changedAt.toISOString()}</updated>`);
    const emails = await toList();
    expect(emails.map((e) => e.subject)).toEqual([expect.stringMatching(/^\[libcanary security\] Upcoming/), `[libcanary security] Updated: Upcoming security release for libcanary, ${newWhen}`]);
    expectNoCanary({ ...(await publicSurface()), changeNote: JSON.stringify(emails) }, w);
    expect(JSON.stringify(emails)).not.toContain(C("changenote"));

    // A revision that rates it lower: the public severity follows; nothing else of a revision reaches it.
    const fields = NoticeDraftSchema.parse({ disclosureAt: moved.toISOString(), ...FIELDS, cvssVector: "", severity: "MEDIUM", title: `Retitled ${C("newtitle")}` });
    await reviseNotice(w.m, { noticeId: w.id, changeNote: "Rated again", fields }, request);
    expect((await listUpcomingReleases())[0]?.text).toContain("severity Medium, affecting");
    expect(JSON.stringify(await publicSurface())).not.toContain(C("newtitle"));

    // Disclosure: no longer upcoming; the advisory keeps the entry id and the index entry answers the old anchor.
    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Fixed upstream" }, request);
    expect(await listUpcomingReleases()).toEqual([]);
    const disclosed = await getAtomFeed();
    expect(disclosed).toContain(`pre-announcement:${slug}</id>`);
    expect(disclosed).not.toContain(`/advisories/${w.id}</id>`);
    expect(disclosed).toContain(`Retitled ${C("newtitle")}`);
    expect((await searchPublicAdvisories("")).find((a) => a.id === w.id)?.anchor).toBe(`upcoming-${slug}`);
    // Nothing more to pre-announce.
    expect(await getPreAnnouncementPanel(w.m, w.id)).toMatchObject({ refusal: expect.stringMatching(/^This notice is disclosed/), disclosed: true, published: { slug } });
  });

  it("withdrawal cancels it, saying nothing more, and tells the list", async () => {
    const w = await world();
    await sendNotice(w.m, { noticeId: w.id, overrideReason: null }, request);
    const { slug } = await preAnnounce(w, "1.x");
    await withdrawNotice(w.m, { noticeId: w.id, reason: `Not a bug ${C("reason")}` }, request);
    const [cancelled] = await listUpcomingReleases();
    expect(cancelled).toMatchObject({ slug, status: "cancelled", title: "Cancelled: security release for libcanary" });
    expect((await getAtomFeed())).toContain("Cancelled: security release for libcanary");
    const emails = await toList();
    expect(emails.at(-1)).toMatchObject({ subject: "[libcanary security] Cancelled: security release for libcanary", textBody: expect.stringContaining("No advisory will be published for it.") });
    const surface = await publicSurface();
    expectNoCanary(surface, w);
    expect(JSON.stringify(surface)).not.toContain(C("reason"));
    // The cancellation names no range either (only the first email did, before it was cancelled).
    expect(surface.index + surface.feed).not.toContain("1.x");
  });

  it("only a maintainer with their second factor; a preview that no longer matches publishes nothing", async () => {
    const w = await world();
    await sendNotice(w.m, { noticeId: w.id, overrideReason: null }, request);
    const panel = await getPreAnnouncementPanel(w.m, w.id);
    const previewed = renderPreAnnouncement(panel.projectName, { ...panel.facts, versionRange: "2.x" }).text;
    const input = { noticeId: w.id, versionRange: "2.x", previewed };
    for (const viewer of [w.v, { ...w.v, secondFactor: true }, ANONYMOUS, { ...w.m, secondFactor: false }]) {
      await expect(getPreAnnouncementPanel(viewer, w.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(publishPreAnnouncement(viewer, input, request)).rejects.toBeInstanceOf(NotFoundError);
    }
    // The date moved after the preview was shown: refused, nothing public, nothing sent.
    await changeDisclosureDate(w.m, { noticeId: w.id, disclosureAt: new Date(w.disclosureAt.getTime() + 3_600_000), changeNote: "An hour later", overrideReason: null }, request);
    await expect(publishPreAnnouncement(w.m, input, request)).rejects.toThrow(/changed since the preview/);
    expect(await db.client.preAnnouncement.count()).toBe(0);
    expect(await toList()).toEqual([]);
    await expect(publishPreAnnouncement(w.m, { ...input, noticeId: "no-such-notice" }, request)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("the form's range: one line, no invisible characters, not empty, confirmed", () => {
    const parse = (versionRange: string, confirm: string | null = "on") => PreAnnounceSchema.safeParse({ noticeId: "n", versionRange, previewed: "", ...(confirm ? { confirm } : {}) });
    expect(parse("2.0.0 to 2.4.1").success).toBe(true);
    expect(parse("2.0.0\n2.4.1").error?.issues[0]?.message).toBe("The version range is one line.");
    expect(parse("2.0.0\u202e to 2.4.1").error?.issues[0]?.message).toMatch(/^The version range contains U\+202E RIGHT-TO-LEFT OVERRIDE/);
    expect(parse("   ").error?.issues[0]?.message).toMatch(/^Give the affected version range/);
    expect(parse("x".repeat(201)).error?.issues[0]?.message).toBe("Keep the version range under 200 characters.");
    expect(parse("2.x", null).error?.issues[0]?.message).toBe("Tick the box to confirm that this text becomes public.");
    expect(PreAnnounceSchema.safeParse({ noticeId: "n", versionRange: "2.x", previewed: "", confirm: "on", title: "smuggled" }).success).toBe(false);
  });
});
