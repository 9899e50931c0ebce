// Atom feed (RFC 4287) of public advisories, newest disclosure first, built with `feed`.
import { Feed } from "feed";
import { preAnnouncementAnchor, preAnnouncementEntryId, renderPreAnnouncement, type PreAnnouncementFacts } from "@/lib/notices/pre-announcement";
import { advisoryUrls, type AdvisoryRecord, type ProjectInfo } from "./types";

export type AtomOptions = {
  /** Used as the feed's `updated` only when there are no entries (otherwise the newest entry's update). */
  now: Date;
  /** The feed's own URL (rel="self"); also its id. */
  selfUrl: string;
  /** Public pre-announcements (upcoming or cancelled): their own entries, with nothing but the rendered words. */
  preAnnouncements?: ReadonlyArray<PreAnnouncementFacts & { publishedAt: Date; changedAt: Date }>;
  /**
   * Advisory id → the Atom entry id of the pre-announcement it was: at disclosure the entry a reader already has is
   * updated into the advisory instead of a second one appearing.
   */
  entryIds?: ReadonlyMap<string, string>;
};

/**
 * `feed` writes entry titles and summaries as type="html" inside CDATA, unescaped: a title like
 * `<img src=x onerror=...>` would be markup to a feed reader. Escaping them as HTML makes the reader show the text
 * as written, and turns a `]]>` in it into `]]&gt;`, so it cannot end the CDATA section either.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

// The attribute value `feed` writes for a URL (it normalises through URL and escapes only `&`).
const attributeUrl = (url: string) => new URL(url).toString().replace(/&/g, "&amp;");

/**
 * Adds the OSV and CSAF links next to each entry's page link. `feed` writes one link per entry, so they are added to
 * its output. They are rel="related", not "alternate": RFC 4287 §4.1.1 allows one alternate link per type and both
 * documents are application/json; the page itself is the entry's alternate (text/html).
 */
function addEntryLinks(xml: string, project: ProjectInfo, advisory: AdvisoryRecord): string {
  const urls = advisoryUrls(project, advisory.id);
  const pageLink = `<link href="${attributeUrl(urls.page)}"/>`;
  if (!xml.includes(pageLink)) throw new Error("Atom output changed shape: entry link not found");
  const links = [
    `<link rel="alternate" type="text/html" href="${attributeUrl(urls.page)}"/>`,
    `<link rel="related" type="application/json" title="OSV" href="${attributeUrl(urls.osv)}"/>`,
    `<link rel="related" type="application/json" title="CSAF 2.0" href="${attributeUrl(urls.csaf)}"/>`,
  ];
  return xml.replace(pageLink, links.join(""));
}

/** The pages are English (app/layout.tsx), and so are the titles and summaries the feed carries. */
export const FEED_LANGUAGE = "en";

/**
 * `feed` writes neither `xml:lang` nor link types: the root gets the language (RFC 4287 §2, xml:lang), and the self
 * and alternate links say what they point to, so a reader can tell the feed's own address from its web page.
 */
function typeFeedRoot(xml: string, project: ProjectInfo, selfUrl: string): string {
  const edits: Array<[string, string]> = [
    ['<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${FEED_LANGUAGE}">`],
    [`<link rel="self" href="${attributeUrl(selfUrl)}"/>`, `<link rel="self" type="application/atom+xml" href="${attributeUrl(selfUrl)}"/>`],
    [`<link rel="alternate" href="${attributeUrl(`${project.siteUrl}/advisories`)}"/>`, `<link rel="alternate" type="text/html" href="${attributeUrl(`${project.siteUrl}/advisories`)}"/>`],
  ];
  return edits.reduce((out, [from, to]) => {
    if (!out.includes(from)) throw new Error(`Atom output changed shape: ${from} not found`);
    return out.replace(from, to);
  }, xml);
}

/**
 * The public feed. Only disclosed advisories (and ones withdrawn after disclosure, marked as such) may be passed;
 * anything else throws, so a caller bug cannot put an embargoed title in a public feed.
 */
export function toAtomFeed(project: ProjectInfo, advisories: AdvisoryRecord[], options: AtomOptions): string {
  for (const a of advisories) {
    if (a.state === "EMBARGOED" || !a.disclosedAt) throw new Error(`Advisory ${a.id} is not public: not in the feed`);
  }
  const published = (a: AdvisoryRecord) => a.disclosedAt?.getTime() ?? 0;
  const entries = [...advisories].sort((a, b) => published(b) - published(a) || b.reference.localeCompare(a.reference));
  const upcoming = options.preAnnouncements ?? [];
  const times = [...entries.map((a) => a.updatedAt.getTime()), ...upcoming.map((p) => p.changedAt.getTime())];
  const updated = times.length > 0 ? new Date(Math.max(...times)) : options.now;

  const feed = new Feed({
    id: options.selfUrl,
    title: `${project.name} security advisories`,
    link: `${project.siteUrl}/advisories`,
    feedLinks: { atom: options.selfUrl },
    updated,
    generator: "Forewarn",
    author: { name: project.publisherName },
  });
  for (const p of upcoming) {
    // The same rendering as the index page and the announce list's email: nothing else of the notice is here.
    const rendered = renderPreAnnouncement(project.name, p);
    feed.addItem({
      id: preAnnouncementEntryId(project.siteUrl, p.slug, p.publishedAt),
      title: escapeHtml(rendered.title),
      link: `${project.siteUrl}/advisories#${preAnnouncementAnchor(p.slug)}`,
      date: p.changedAt,
      published: p.publishedAt,
      description: escapeHtml(rendered.text),
    });
  }
  for (const a of entries) {
    const urls = advisoryUrls(project, a.id);
    const title = `${a.state === "WITHDRAWN" ? "[Withdrawn] " : ""}${a.reference}: ${a.title}`;
    feed.addItem({
      id: options.entryIds?.get(a.id) ?? urls.page,
      title: escapeHtml(title),
      link: urls.page,
      date: a.updatedAt,
      published: a.disclosedAt ?? undefined,
      description: escapeHtml(a.summary.trim() || a.title),
    });
  }
  return entries.reduce((xml, a) => addEntryLinks(xml, project, a), typeFeedRoot(feed.atom1(), project, options.selfUrl));
}
