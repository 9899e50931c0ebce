// Emails to the person who reported a vulnerability. Pure: each template is given only what a reporter may read —
// their report's reference, the planned disclosure time, how they will be credited, the reason the maintainers chose
// to share with them and, once public, the advisory's address and the credit as published. They are never given an
// organisation, a recipient, anything a vendor said, tracking, or the notice's embargoed text, so they cannot leak it.
// Other lanes add their own templates in lib/reports/mail-<lane>.ts and may reuse the helpers below.
import type { ReportUpdateKind } from "@/generated/prisma/enums";
import { formatOffset, formatUtcInstant, isTimeZone, offsetMinutes, utcToZoned } from "@/lib/time/zones";

/** The events of the notice a reporter is told about (ReportUpdate kinds other than STATUS). */
export type ReporterEvent = Exclude<ReportUpdateKind, "STATUS">;

/** The reporter's own page in the portal (PORTAL's route). */
export function reporterReportLink(publicUrl: string, reportId: string): string {
  return `${publicUrl}/reporter/reports/${encodeURIComponent(reportId)}`;
}

/** The public advisory of a disclosed notice. */
export function advisoryLink(publicUrl: string, noticeId: string): string {
  return `${publicUrl}/advisories/${encodeURIComponent(noticeId)}`;
}

/**
 * A time with its zone, always in UTC and, when the project plans in another zone, also there:
 * "2026-12-10 14:00 UTC (15:00 on 2026-12-10 in Europe/Berlin, UTC+01:00)".
 */
export function zonedTime(at: Date, zone: string): string {
  const utc = formatUtcInstant(at);
  if (!zone || zone === "UTC" || !isTimeZone(zone)) return utc;
  const [day, time] = utcToZoned(at, zone).split("T");
  return `${utc} (${time} on ${day} in ${zone}, ${formatOffset(offsetMinutes(at, zone))})`;
}

/** How the reporter reads their own credit choice (their words, or that they chose none). */
export function creditSentence(credit: string | null): string {
  return credit ? `You will be credited as: ${credit}` : "You chose not to be credited: the advisory will not name you.";
}

export type ReporterMailInput = {
  project: string;
  /** The project's planning zone (Settings), shown beside UTC. */
  zone: string;
  publicUrl: string;
  report: { id: string; reference: string };
  event: ReporterEvent;
  /** The planned disclosure time; at disclosure, the moment it became public. */
  disclosureAt: Date;
  /** DATE_CHANGED: the time it replaces. EMBARGO_ENDED: the time that had been planned. */
  previousAt?: Date | null | undefined;
  /** When it happened (a change email says so: two of them may arrive in either order). */
  at: Date;
  /** This reporter's own credit line (null: not credited). Told before disclosure. */
  ownCredit: string | null;
  /** The reason the maintainers chose to share with the reporter(s); never what vendors were told. */
  reason?: string | null | undefined;
  /** Once public: the advisory and its credit exactly as published (null: nobody credited). */
  advisory?: { reference: string; url: string; credit: string | null } | null | undefined;
};

function reasonLines(reason: string | null | undefined): string[] {
  const r = reason?.trim();
  return r ? ["", "The maintainers' note to you:", r] : [];
}

function publishedLines(advisory: ReporterMailInput["advisory"]): string[] {
  if (!advisory) return [];
  return ["", `Public advisory ${advisory.reference}: ${advisory.url}`, advisory.credit ? `Credit as published: ${advisory.credit}` : "Credit as published: nobody is named (as chosen)."];
}

export function reporterNoticeMail(input: ReporterMailInput): { subject: string; text: string } {
  const { project, zone, report } = input;
  const when = zonedTime(input.disclosureAt, zone);
  const head = (tag: string) => `${project} ${report.reference}: ${tag}`;
  const change = `You can change how you are credited in the portal until the advisory is public.`;
  const confidential = "Please keep the details and the date confidential until then.";
  const bodies: Record<ReporterEvent, { subject: string; lines: string[] }> = {
    DATE_SET: {
      subject: head("planned disclosure date"),
      lines: [
        `The maintainers have prepared an advisory for your report ${report.reference} and told the parties who need to`,
        "prepare a fix ahead of time.",
        "",
        `Planned public disclosure: ${when}`,
        "",
        creditSentence(input.ownCredit),
        change,
        "",
        confidential,
      ],
    },
    DATE_CHANGED: {
      subject: head(`disclosure date changed to ${formatUtcInstant(input.disclosureAt)}`),
      lines: [
        `The planned public disclosure of your report ${report.reference} has moved.`,
        "",
        `New planned disclosure: ${when}`,
        ...(input.previousAt ? [`It was planned for: ${zonedTime(input.previousAt, zone)}`] : []),
        `Changed: ${formatUtcInstant(input.at)}. If several of these emails reach you, the latest change holds.`,
        ...reasonLines(input.reason),
        "",
        creditSentence(input.ownCredit),
        change,
      ],
    },
    EMBARGO_ENDED: {
      subject: head("the advisory is public (embargo ended early)"),
      lines: [
        `The embargo on your report ${report.reference} was ended early: the advisory is public since ${when}.`,
        ...(input.previousAt ? [`It had been planned for: ${zonedTime(input.previousAt, zone)}`] : []),
        ...reasonLines(input.reason),
        ...publishedLines(input.advisory),
      ],
    },
    WITHDRAWN: {
      subject: head("advisory withdrawn"),
      lines: [
        `The advisory prepared for your report ${report.reference} was withdrawn: it will not be published.`,
        "Your report is back with the maintainers, who will tell you what happens next.",
        ...reasonLines(input.reason),
      ],
    },
    DISCLOSED: {
      subject: head("the advisory is public"),
      lines: [`The advisory for your report ${report.reference} is public since ${when}. Thank you for reporting it.`, ...publishedLines(input.advisory)],
    },
  };
  const { subject, lines } = bodies[input.event];
  return {
    subject,
    text: [subject, "", ...lines, "", `Your report in ${project}'s portal: ${reporterReportLink(input.publicUrl, report.id)}`, "(Sign in with this email address: the portal emails you a one-time link.)"].join("\n"),
  };
}
