// On PGlite and PostgreSQL: after "end embargo now" every reader carries the time the notice really became public —
// the maintainer's notice and list (and its order), the vendor's list, notice and terms (for a member who arrives
// afterwards), the public advisory, OSV, CSAF, Atom and the calendar feed — with the planned time kept; the job for
// the planned time does nothing. And a revision of one field lists that field only, ranges and links included.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { resetConfigForTests } from "@/lib/server/config";
import { stopJobEngine } from "@/lib/jobs/engine";
import { getAtomFeed, getPublicCsaf, getPublicOsv } from "@/lib/advisories/data";
import { calendarForFeed, rotateCalendarFeed } from "@/lib/tokens/data";
import { describeChanges } from "@/components/notices/revision-changes";
import { rowsFromRanges } from "@/components/notices/range-rows";
import { referencesText } from "./advisory-fields";
import { NoticeDraftSchema } from "./schemas";
import {
  acceptNoticeTerms,
  createNoticeDraft,
  getNotice,
  getPublicAdvisory,
  getVendorNotice,
  listNotices,
  listVendorNotices,
  reviseNotice,
  sendNotice,
} from "./data";
import { discloseWhenDue, endEmbargoNow } from "@/lib/advisories/data";

const request = { ip: "192.0.2.62", userAgent: "vitest" };
const DAY = 86_400_000;
const FIELDS = {
  title: "Heap overflow in parse_header()",
  summary: "A crafted archive header overflows a buffer.",
  description: "Reading a long header overflows `buf`.",
  references: "fix https://github.com/acme/archiver/commit/0123456789abcdef\nhttps://acme.example/releases/4.2.7",
  affectedPackages: JSON.stringify([
    { ecosystem: "PyPI", name: "archiver", purl: "pkg:pypi/archiver", rangeType: "ECOSYSTEM", repo: "", introduced: "4.0.0", fixed: "4.2.7", lastAffected: "" },
    { ecosystem: "", name: "archiver", purl: "", rangeType: "GIT", repo: "https://github.com/acme/archiver", introduced: "", fixed: "0123456789abcdef0123456789abcdef01234567", lastAffected: "" },
  ]),
};
const draft = (inDays: number, extra: Record<string, unknown> = {}) => NoticeDraftSchema.parse({ ...FIELDS, disclosureAt: new Date(Date.now() + inDays * DAY).toISOString(), ...extra });
const icsTime = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

beforeAll(() => resetConfigForTests());
afterAll(() => resetConfigForTests());

describeEachDatabase("the real disclosure time", (db) => {
  beforeEach(async () => {
    await stopJobEngine(1_000);
  });

  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const mk = async (name: string, email: string) => {
      const o = await db.client.organisation.create({ data: { name, status: "ACTIVE" } });
      const u = await db.client.user.create({ data: { email, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: o.id } } } });
      return { org: o, v: vendor(u, o) };
    };
    return { m, a: await mk("Acme", "ann@acme.example"), b: await mk("Globex", "gus@globex.example") };
  }

  it("after end embargo now: every reader shows when it became public; the planned time is kept; the old job does nothing", async () => {
    const { m, a } = await world();
    const early = await createNoticeDraft(m, draft(5), request);
    const other = await createNoticeDraft(m, draft(2, { title: "Another issue" }), request);
    for (const n of [early, other]) await sendNotice(m, { noticeId: n.id, overrideReason: null }, request);
    await acceptNoticeTerms(a.v, early.id, request);
    const planned = (await getNotice(m, early.id)).disclosureAt;
    expect((await listNotices(m)).map((n) => n.id)).toEqual([early.id, other.id]);

    const before = Date.now();
    await endEmbargoNow(m, { noticeId: early.id, reason: "Exploited in the wild" }, request);
    const after = Date.now();

    // The maintainer's notice: disclosure time = the moment it became public; the plan and the reason are kept.
    const notice = await getNotice(m, early.id);
    const real = notice.disclosedAt!;
    expect(real.getTime()).toBeGreaterThanOrEqual(before);
    expect(real.getTime()).toBeLessThanOrEqual(after);
    expect(notice).toMatchObject({ state: "DISCLOSED", disclosureAt: real, plannedDisclosureAt: planned, endReason: "Exploited in the wild" });
    const audit = await db.client.auditEvent.findFirstOrThrow({ where: { action: "notice.disclosed", targetId: early.id } });
    expect(audit.details).toMatchObject({ reason: "Exploited in the wild", planned: planned.toISOString(), at: real.toISOString() });

    // The list sorts by the real time: the notice still embargoed for two days now comes first.
    const list = await listNotices(m);
    expect(list.map((n) => n.id)).toEqual([other.id, early.id]);
    expect(list.find((n) => n.id === early.id)!.disclosureAt).toEqual(real);

    // The vendor's list and notice.
    expect((await listVendorNotices(a.v)).find((n) => n.id === early.id)!.disclosureAt).toEqual(real);
    const full = await getVendorNotice(a.v, early.id, request);
    if (full.view !== "full") throw new Error("terms were accepted");
    expect(full.notice).toMatchObject({ disclosureAt: real, disclosedAt: real, plannedDisclosureAt: planned });

    // A member who joins afterwards reads terms about a notice public since the real time.
    const late = await db.client.user.create({ data: { email: "lee@acme.example", role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: a.org.id } } } });
    const terms = await getVendorNotice(vendor(late, a.org), early.id, request);
    expect(terms).toMatchObject({ view: "terms", state: "DISCLOSED", disclosureAt: real, disclosedAt: real });

    // The public advisory and its machine-readable forms.
    expect((await getPublicAdvisory(early.id)).disclosedAt).toEqual(real);
    expect((await getPublicOsv(early.id)).published).toBe(real.toISOString());
    const csaf = JSON.stringify(await getPublicCsaf(early.id));
    expect(csaf).toContain(`"release_date":"${real.toISOString()}"`);
    const atom = await getAtomFeed();
    expect(atom).toContain(real.toISOString());
    for (const text of [csaf, atom, JSON.stringify(await getPublicOsv(early.id))]) expect(text).not.toContain(planned.toISOString());

    // The calendar feed moves the event to the real time (a newer SEQUENCE), and keeps the other one's time.
    const { url } = await rotateCalendarFeed(a.v, request);
    const feed = await calendarForFeed(url.split("/").at(-1)!, request);
    if (!feed.ok) throw new Error("the feed should answer");
    const ics = feed.ics.replace(/\r\n /g, "");
    expect(ics).toContain(`DTSTART:${icsTime(new Date(Math.floor(real.getTime() / 1000) * 1000))}`);
    expect(ics).not.toContain(`DTSTART:${icsTime(new Date(Math.floor(planned.getTime() / 1000) * 1000))}`);
    expect(ics).toMatch(/SEQUENCE:1/);

    // The job scheduled for the planned time finds the notice disclosed and changes nothing.
    expect(await discloseWhenDue(early.id, new Date(planned.getTime() + 1_000))).toBe("skipped");
    expect(await getNotice(m, early.id)).toMatchObject({ disclosureAt: real, disclosedAt: real, plannedDisclosureAt: planned });
    expect(await db.client.auditEvent.count({ where: { action: "notice.disclosed", targetId: early.id } })).toBe(1);
  });

  it("a revision that changes one field lists that field only, not the stored ranges and links", async () => {
    const { m, a } = await world();
    const { id } = await createNoticeDraft(m, draft(5), request);
    await sendNotice(m, { noticeId: id, overrideReason: null }, request);
    const stored = await getNotice(m, id);
    // What the revision form posts back: the stored ranges as editor rows, the stored links as text.
    const form = NoticeDraftSchema.parse({
      ...FIELDS,
      summary: "A crafted archive header overflows a heap buffer.",
      affectedPackages: JSON.stringify(rowsFromRanges(stored.affectedPackages)),
      references: referencesText(stored.references),
      disclosureAt: stored.disclosureAt.toISOString(),
    });
    expect(await reviseNotice(m, { noticeId: id, changeNote: "Heap, not stack", fields: form }, request)).toEqual({ revision: 1, changed: ["summary"] });
    await acceptNoticeTerms(a.v, id, request);
    const full = await getVendorNotice(a.v, id, request);
    if (full.view !== "full") throw new Error("terms were accepted");
    expect(full.notice.revisions.flatMap((r) => describeChanges(r.changes, { hideCredit: false }).map((l) => l.label))).toEqual(["Summary"]);
  });
});
