// The public pre-announcement of an embargoed notice (OpenSSL's practice): "a security release is coming, this
// severe, for these versions, on this date" — and nothing else. Pure, and the ONLY place its words are made: the
// maintainer's preview, the public advisories index, the Atom feed and the announce list's email all call these
// functions, so what the maintainer confirmed is what the public reads.
//
// The input type holds exactly the publishable facts. The public queries select only these columns
// (../data/pre-announcement.ts), and these functions read no other property of what they are given: a title, a CVE,
// a reporter or an organisation cannot reach the output even when a caller passes the whole notice.
// No dependency: the maintainer's live preview renders in the browser with these very functions.

export type PreAnnouncedSeverity = "NONE" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";

/** The facts a pre-announcement publishes, and when it was published or last changed. */
export type PreAnnouncementFacts = {
  /** The public id: random, never the notice's id or reference. */
  slug: string;
  /** The planned disclosure time (UTC). */
  disclosureAt: Date;
  severity: string;
  /** One line. */
  versionRange: string;
  cancelledAt: Date | null;
};

export type RenderedPreAnnouncement = {
  slug: string;
  status: "upcoming" | "cancelled";
  title: string;
  text: string;
};

const SEVERITY_LABEL: Record<PreAnnouncedSeverity, string> = { NONE: "None", LOW: "Low", MEDIUM: "Medium", HIGH: "High", CRITICAL: "Critical" };
export const isSeverity = (value: string): value is PreAnnouncedSeverity => Object.hasOwn(SEVERITY_LABEL, value);

/** "2026-12-10 14:00 UTC": the time with its zone, the same in every output. */
export function publicTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The public words of a pre-announcement. Reads `projectName` and the facts' own properties, nothing else. */
export function renderPreAnnouncement(projectName: string, facts: PreAnnouncementFacts): RenderedPreAnnouncement {
  const severity = isSeverity(facts.severity) ? SEVERITY_LABEL[facts.severity] : "not rated";
  const when = publicTime(facts.disclosureAt);
  const range = facts.versionRange.replace(/\s+/g, " ").trim();
  if (facts.cancelledAt) {
    return {
      slug: facts.slug,
      status: "cancelled",
      title: `Cancelled: security release for ${projectName}`,
      text: `The security release for ${projectName} pre-announced for ${when} is cancelled.`,
    };
  }
  return {
    slug: facts.slug,
    status: "upcoming",
    title: `Upcoming security release for ${projectName}`,
    text: `Upcoming security release for ${projectName}: severity ${severity}, affecting ${range}, on ${when}.`,
  };
}

export type PreAnnouncementEmailKind = "published" | "updated" | "cancelled";

/** The email to the project's announce list: the rendered words, and where the advisory will appear. */
export function preAnnouncementEmail(projectName: string, siteUrl: string, facts: PreAnnouncementFacts, kind: PreAnnouncementEmailKind): { subject: string; text: string } {
  const rendered = renderPreAnnouncement(projectName, facts);
  const prefix = kind === "updated" ? "Updated: " : "";
  const subject = `[${projectName} security] ${prefix}${rendered.title}${kind === "cancelled" ? "" : `, ${publicTime(facts.disclosureAt)}`}`.slice(0, 300);
  const after =
    kind === "cancelled"
      ? "No advisory will be published for it."
      : `No details are public before then. The advisory will be published at that time on ${siteUrl}/advisories (Atom feed: ${siteUrl}/advisories/feed.xml).`;
  return { subject, text: [rendered.text, "", after].join("\n") };
}

/**
 * The Atom entry id of a pre-announcement (RFC 4151 tag URI): stable from the first publication on, and kept by the
 * advisory's entry at disclosure, so a feed reader updates the entry it has rather than adding another.
 */
export function preAnnouncementEntryId(siteUrl: string, slug: string, publishedAt: Date): string {
  const host = new URL(siteUrl).hostname;
  return `tag:${host},${publishedAt.toISOString().slice(0, 10)}:pre-announcement:${slug}`;
}

/** Where a pre-announcement is on the public index. */
export const preAnnouncementAnchor = (slug: string) => `upcoming-${slug}`;
