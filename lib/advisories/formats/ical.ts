// Private iCalendar (RFC 5545) feed of upcoming disclosure times, built with ical-generator.
// Embargo rule: an event carries the reference, the time and a link, never a title, summary or details, because
// calendars end up synced to phones, shared with colleagues and shown in notifications.
import ical, { escape, ICalEventClass, ICalEventStatus } from "ical-generator";
import type { ProjectInfo } from "./types";

export type DisclosureItem = {
  id: string;
  reference: string;
  disclosureAt: Date;
  /** Link to the notice (behind sign-in). */
  url: string;
  cancelled?: boolean;
  /** Bump when the time changes, so clients that track SEQUENCE take the new time. */
  sequence?: number;
};

export type ICalOptions = { now: Date; name: string };

/**
 * A URL safe to write as a URI value: normalised by the URL parser (which drops raw newlines and tabs and
 * percent-encodes spaces and quotes), with `,` `;` `\` percent-encoded as well so that no text escaping applies.
 */
function uriValue(url: string): string {
  return new URL(url).toString().replace(/[,;\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Stable per advisory across refreshes (clients match events by UID); the id is encoded as ical-generator does not escape UID. */
export function disclosureUid(project: Pick<ProjectInfo, "siteUrl">, id: string): string {
  return `disclosure-${encodeURIComponent(id)}@${new URL(project.siteUrl).host}`;
}

export function toICalendar(project: ProjectInfo, items: DisclosureItem[], options: ICalOptions): string {
  const calendar = ical({
    // ical-generator writes NAME / X-WR-CALNAME and PRODID as given (unlike SUMMARY and DESCRIPTION), so a newline
    // in them would start a new property: they are escaped here.
    name: escape(options.name, false),
    prodId: { company: "Forewarn", product: escape(project.slug, false), language: "EN" },
  });
  for (const item of [...items].sort((a, b) => a.disclosureAt.getTime() - b.disclosureAt.getTime())) {
    const url = uriValue(item.url);
    calendar.createEvent({
      id: disclosureUid(project, item.id),
      // DTSTAMP is the time this feed was generated; the library would otherwise read the clock.
      stamp: options.now,
      start: item.disclosureAt,
      // An instant: no DTEND. Dates are written in UTC ("Z"), so no VTIMEZONE is needed.
      summary: `Disclosure: ${item.reference}`,
      description: url,
      url,
      class: ICalEventClass.PRIVATE,
      status: item.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(item.sequence !== undefined ? { sequence: item.sequence } : {}),
    });
  }
  return calendar.toString();
}
