// The calendar feed as a subscribed calendar sees it across a notice's life, on PGlite and PostgreSQL: one event per
// notice whose SEQUENCE grows with each change (a new date, the withdrawal), STATUS:CANCELLED once withdrawn — for the
// members who were told, and no one else — and a file that parses with ical.js and ends with CRLF.
import ICAL from "ical.js";
import { beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { stopJobEngine } from "@/lib/jobs/engine";
import { changeDisclosureDate, createNoticeDraft, reviseNotice, sendNotice } from "@/lib/notices/data";
import { endEmbargoNow, withdrawNotice } from "@/lib/advisories/data";
import { NoticeDraftSchema } from "@/lib/notices/schemas";
import { calendarForFeed, rotateCalendarFeed } from "./data";

const request = { ip: "192.0.2.61", userAgent: "vitest" };
const DAY = 86_400_000;
// iCalendar times have whole seconds.
const seconds = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();

type Seen = { sequence: number; status: string; start: string; stamp: string; url: string | null };

describeEachDatabase("calendar feed events over a notice's life", (db) => {
  beforeEach(async () => {
    await stopJobEngine(1_000);
  });

  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const org = async (name: string, email: string) => {
      const o = await db.client.organisation.create({ data: { name, status: "ACTIVE" } });
      const u = await db.client.user.create({ data: { email, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: o.id } } } });
      const member = vendor(u, o);
      const file = (await rotateCalendarFeed(member, request)).url.split("/").at(-1)!;
      return { member, file };
    };
    const acme = await org("Acme", "ann@acme.example");
    const globex = await org("Globex", "gus@globex.example");
    const fields = { title: "Heap overflow in parse_header()", disclosureAt: new Date(Date.now() + 5 * DAY).toISOString(), audience: "SELECTED", organisationIds: [acme.member.organisationId] };
    const { id, reference } = await createNoticeDraft(m, NoticeDraftSchema.parse(fields), request);
    await sendNotice(m, { noticeId: id, overrideReason: null }, request);
    return { m, acme, globex, id, reference, fields };
  }

  async function fetchEvents(file: string): Promise<{ text: string; events: Map<string, Seen> }> {
    const answer = await calendarForFeed(file, request);
    if (!answer.ok) throw new Error(`the feed should answer: ${answer.reason}`);
    const events = new Map<string, Seen>();
    for (const vevent of new ICAL.Component(ICAL.parse(answer.ics)).getAllSubcomponents("vevent")) {
      const summary = String(vevent.getFirstPropertyValue("summary"));
      events.set(summary.replace("Disclosure: ", ""), {
        sequence: Number(vevent.getFirstPropertyValue("sequence")),
        status: String(vevent.getFirstPropertyValue("status")),
        start: (vevent.getFirstPropertyValue("dtstart") as InstanceType<typeof ICAL.Time>).toJSDate().toISOString(),
        stamp: (vevent.getFirstPropertyValue("dtstamp") as InstanceType<typeof ICAL.Time>).toJSDate().toISOString(),
        url: vevent.hasProperty("url") ? String(vevent.getFirstPropertyValue("url")) : null,
      });
    }
    return { text: answer.ics, events };
  }

  it("SEQUENCE grows across a date change, a revision and the withdrawal, which cancels the event; DTSTAMP is the last change", async () => {
    const w = await world();
    const sent = await fetchEvents(w.acme.file);
    expect(sent.text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(sent.events.get(w.reference)).toMatchObject({ sequence: 0, status: "CONFIRMED" });
    const { sentAt } = await db.client.notice.findUniqueOrThrow({ where: { id: w.id }, select: { sentAt: true } });
    expect(sent.events.get(w.reference)?.stamp).toBe(seconds(sentAt!));
    // A second fetch with nothing changed says the same thing, byte for byte.
    expect((await fetchEvents(w.acme.file)).text).toBe(sent.text);

    const later = new Date(Math.floor((Date.now() + 6 * DAY) / 1000) * 1000);
    await changeDisclosureDate(w.m, { noticeId: w.id, disclosureAt: later, changeNote: "The fix needs another day.", overrideReason: null }, request);
    const moved = (await fetchEvents(w.acme.file)).events.get(w.reference)!;
    expect(moved).toMatchObject({ sequence: 1, status: "CONFIRMED", start: later.toISOString() });
    const revision = await db.client.noticeRevision.findFirstOrThrow({ where: { noticeId: w.id, number: 1 }, select: { at: true } });
    expect(moved.stamp).toBe(seconds(revision.at));

    await reviseNotice(w.m, { noticeId: w.id, changeNote: "Better title.", fields: NoticeDraftSchema.parse({ ...w.fields, title: "Heap overflow in parse_header() and parse_trailer()", disclosureAt: later.toISOString() }) }, request);
    expect((await fetchEvents(w.acme.file)).events.get(w.reference)?.sequence).toBe(2);

    await withdrawNotice(w.m, { noticeId: w.id, reason: "Not a vulnerability after all." }, request);
    const feed = await fetchEvents(w.acme.file);
    const { withdrawnAt } = await db.client.notice.findUniqueOrThrow({ where: { id: w.id }, select: { withdrawnAt: true } });
    expect(feed.events.get(w.reference)).toMatchObject({ sequence: 3, status: "CANCELLED", start: later.toISOString(), stamp: seconds(withdrawnAt!), url: null });
    expect(feed.text).not.toContain("parse_header");
    expect(feed.text.endsWith("\r\n")).toBe(true);
    // Never addressed: Globex's calendar has nothing, before or after.
    expect((await fetchEvents(w.globex.file)).events.size).toBe(0);
  });

  it("an embargo ended early moves the event and bumps SEQUENCE; a draft withdrawn unsent never appears", async () => {
    const w = await world();
    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Exploited in the wild." }, request);
    const { disclosedAt } = await db.client.notice.findUniqueOrThrow({ where: { id: w.id }, select: { disclosedAt: true } });
    const event = (await fetchEvents(w.acme.file)).events.get(w.reference)!;
    expect(event).toMatchObject({ sequence: 1, status: "CONFIRMED", start: seconds(disclosedAt!), stamp: seconds(disclosedAt!) });

    const unsent = await createNoticeDraft(w.m, NoticeDraftSchema.parse({ ...w.fields, title: "Never sent" }), request);
    await withdrawNotice(w.m, { noticeId: unsent.id, reason: "Duplicate." }, request);
    expect([...(await fetchEvents(w.acme.file)).events.keys()]).toEqual([w.reference]);
  });
});
