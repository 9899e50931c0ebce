import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { fullAdvisory, minimalAdvisory, now, project } from "@/test/advisory-fixtures";
import { toAtomFeed } from "./atom";

const selfUrl = "https://forewarn.example.org/advisories/feed.xml";

type Link = { "@_href": string; "@_rel"?: string; "@_type"?: string; "@_title"?: string };
type Entry = { id: string; title: string | { "#text": string }; link: Link[]; updated: string; published: string; summary: unknown };

/** Strict: a document that is not well-formed XML fails here, before any field is read. */
function parse(xml: string) {
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) throw new Error(`not well-formed: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "entry" || name === "link" });
  const doc = parser.parse(xml) as { feed: { "@_xmlns": string; "@_xml:lang": string; id: string; title: string; updated: string; link: Link[]; entry?: Entry[] } };
  return doc.feed;
}

const text = (value: unknown) => (typeof value === "object" && value !== null && "#text" in value ? String((value as { "#text": unknown })["#text"]) : String(value));

describe("toAtomFeed", () => {
  const older = minimalAdvisory();
  const newer = fullAdvisory({ disclosedAt: new Date("2026-03-20T10:00:00Z"), updatedAt: new Date("2026-03-21T10:00:00Z") });

  it("lists full and minimal advisories newest first, with the page, OSV and CSAF links", () => {
    const feed = parse(toAtomFeed(project, [older, newer], { now, selfUrl }));
    expect(feed.id).toBe(selfUrl);
    expect(feed.title).toBe("Acme Parser security advisories");
    expect(feed.updated).toBe("2026-03-21T10:00:00.000Z");
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed["@_xml:lang"]).toBe("en");
    expect(feed.link).toEqual([
      { "@_rel": "alternate", "@_type": "text/html", "@_href": "https://forewarn.example.org/advisories" },
      { "@_rel": "self", "@_type": "application/atom+xml", "@_href": selfUrl },
    ]);
    expect(feed.entry?.map((e) => e.id)).toEqual(["https://forewarn.example.org/advisories/adv_full01", "https://forewarn.example.org/advisories/adv_min01"]);

    const [first, second] = feed.entry ?? [];
    expect(text(first?.title)).toBe("FW-2026-0001: Heap overflow in the chunked decoder");
    expect(first?.published).toBe("2026-03-20T10:00:00.000Z");
    expect(first?.updated).toBe("2026-03-21T10:00:00.000Z");
    expect(first?.link).toEqual([
      { "@_rel": "alternate", "@_type": "text/html", "@_href": "https://forewarn.example.org/advisories/adv_full01" },
      { "@_rel": "related", "@_type": "application/json", "@_title": "OSV", "@_href": "https://forewarn.example.org/advisories/adv_full01/osv.json" },
      { "@_rel": "related", "@_type": "application/json", "@_title": "CSAF 2.0", "@_href": "https://forewarn.example.org/advisories/adv_full01/csaf.json" },
    ]);
    expect(text(first?.summary)).toBe("A crafted chunk length overflows the decode buffer.");
    // A minimal advisory has no summary: its title stands in.
    expect(text(second?.summary)).toBe("Denial of service in the parser");
    expect(second?.link.map((l) => l["@_href"])).toEqual([
      "https://forewarn.example.org/advisories/adv_min01",
      "https://forewarn.example.org/advisories/adv_min01/osv.json",
      "https://forewarn.example.org/advisories/adv_min01/csaf.json",
    ]);
  });

  it("strict parsing catches a document that is not well-formed (the check can fail)", () => {
    expect(() => parse(toAtomFeed(project, [older], { now, selfUrl }).replace("</feed>", ""))).toThrow(/not well-formed/);
  });

  it("is a valid empty feed dated now when nothing is disclosed, with its language and typed self link", () => {
    const feed = parse(toAtomFeed(project, [], { now, selfUrl: "https://forewarn.example.org/advisories/feed.xml?a=1&b=2" }));
    expect(feed["@_xml:lang"]).toBe("en");
    expect(feed.link).toContainEqual({ "@_rel": "self", "@_type": "application/atom+xml", "@_href": "https://forewarn.example.org/advisories/feed.xml?a=1&b=2" });
    expect(feed.entry).toBeUndefined();
    expect(feed.updated).toBe(now.toISOString());
  });

  it("writes markup in a title as text, never as markup", () => {
    const xss = `<img src=x onerror="alert(1)"> ]]><script>alert(2)</script> & more`;
    const xml = toAtomFeed(project, [minimalAdvisory({ title: xss, summary: xss })], { now, selfUrl });
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("<img");
    // The type="html" content decodes (as a feed reader does) to exactly the title as written.
    const entry = parse(xml).entry?.[0];
    const decoded = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
    expect(decoded(text(entry?.title))).toBe(`FW-2026-0002: ${xss}`);
    expect(decoded(text(entry?.summary))).toBe(xss);
  });

  it("marks withdrawn advisories and refuses embargoed ones", () => {
    const withdrawn = fullAdvisory({ state: "WITHDRAWN", withdrawnAt: new Date("2026-02-10T09:00:00Z") });
    expect(text(parse(toAtomFeed(project, [withdrawn], { now, selfUrl })).entry?.[0]?.title)).toBe("[Withdrawn] FW-2026-0001: Heap overflow in the chunked decoder");
    expect(() => toAtomFeed(project, [older, fullAdvisory({ state: "EMBARGOED", disclosedAt: null })], { now, selfUrl })).toThrow(/not public/);
    expect(() => toAtomFeed(project, [fullAdvisory({ state: "WITHDRAWN", disclosedAt: null })], { now, selfUrl })).toThrow(/not public/);
  });
});

describe("toAtomFeed with pre-announcements", () => {
  const upcoming = { slug: "3f9c2a7b1e04", disclosureAt: new Date("2026-12-10T14:00:00Z"), severity: "HIGH", versionRange: "2.0.0 to 2.4.1", cancelledAt: null, publishedAt: new Date("2026-12-03T17:00:00Z"), changedAt: new Date("2026-12-04T08:00:00Z") };
  const entryId = "tag:forewarn.example.org,2026-12-03:pre-announcement:3f9c2a7b1e04";

  it("adds an entry with the rendered words only, its own tag id, and the index anchor as its link", () => {
    const feed = parse(toAtomFeed(project, [], { now, selfUrl, preAnnouncements: [upcoming] }));
    expect(feed.updated).toBe("2026-12-04T08:00:00.000Z");
    const [entry] = feed.entry ?? [];
    expect(entry?.id).toBe(entryId);
    expect(text(entry?.title)).toBe("Upcoming security release for Acme Parser");
    expect(text(entry?.summary)).toBe("Upcoming security release for Acme Parser: severity High, affecting 2.0.0 to 2.4.1, on 2026-12-10 14:00 UTC.");
    expect(entry?.published).toBe("2026-12-03T17:00:00.000Z");
    expect(entry?.updated).toBe("2026-12-04T08:00:00.000Z");
    expect(entry?.link.map((l) => l["@_href"])).toEqual(["https://forewarn.example.org/advisories#upcoming-3f9c2a7b1e04"]);
  });

  it("at disclosure the advisory keeps the pre-announcement's entry id (readers update the entry they have)", () => {
    const advisory = fullAdvisory();
    const feed = parse(toAtomFeed(project, [advisory], { now, selfUrl, entryIds: new Map([[advisory.id, entryId]]) }));
    expect(feed.entry?.map((e) => e.id)).toEqual([entryId]);
    expect(feed.entry?.[0]?.link[0]?.["@_href"]).toBe("https://forewarn.example.org/advisories/adv_full01");
  });
});
