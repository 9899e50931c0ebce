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
  /** Withdrawn: the event stays, STATUS:CANCELLED, so that subscribed calendars drop the date. */
  cancelled?: boolean;
  /** Grows with every change of the event, so that clients that track SEQUENCE take the new state. */
  sequence?: number;
  /** When the event's information last changed (DTSTAMP); `now` when not given. */
  changedAt?: Date;
};

export type ICalOptions = { now: Date; name: string };

/** The text of a cancelled event: the link would lead to a notice its recipients no longer see. */
export const WITHDRAWN_TEXT = "Withdrawn: this disclosure will not take place.";

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
      // The feed has no METHOD, so DTSTAMP is when the event's information last changed (RFC 5545 §3.8.7.2): the
      // same on every fetch until something changes. The library would otherwise read the clock.
      stamp: item.changedAt ?? options.now,
      start: item.disclosureAt,
      // An instant: no DTEND. Dates are written in UTC ("Z"), so no VTIMEZONE is needed.
      summary: `Disclosure: ${item.reference}`,
      description: item.cancelled ? WITHDRAWN_TEXT : url,
      ...(item.cancelled ? {} : { url }),
      class: ICalEventClass.PRIVATE,
      status: item.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(item.sequence !== undefined ? { sequence: item.sequence } : {}),
    });
  }
  // RFC 5545 §3.1: every content line ends with CRLF, the last one (END:VCALENDAR) included; ical-generator
  // leaves it off.
  const text = calendar.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}
