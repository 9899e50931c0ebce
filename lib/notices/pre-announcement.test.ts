import { describe, expect, it } from "vitest";
import { preAnnouncementEmail, preAnnouncementEntryId, publicTime, renderPreAnnouncement, type PreAnnouncementFacts } from "./pre-announcement";
import { proposedVersionRange, publicSeverity } from "./pre-announcement-facts";

const CANARY = "CANARY-7c1f";
const at = new Date("2026-12-10T14:00:00Z");
const facts: PreAnnouncementFacts = { slug: "3f9c2a7b1e04", disclosureAt: at, severity: "HIGH", versionRange: "2.0.0 to 2.4.1", cancelledAt: null };

/** A whole notice, every field that is not publishable holding the canary, spread into the facts. */
const leaky = {
  ...facts,
  id: `id-${CANARY}`,
  reference: `FW-2026-${CANARY}`,
  title: `title ${CANARY}`,
  summary: `summary ${CANARY}`,
  description: `description ${CANARY}`,
  cveIds: [`CVE-2026-${CANARY}`],
  cwe: `CWE-${CANARY}`,
  cvssVector: `CVSS:4.0/AV:N/${CANARY}`,
  cvssScore: 8.7,
  reporterCredit: `credit ${CANARY}`,
  affectedPackages: [{ ecosystem: "npm", name: `pkg-${CANARY}`, rangeType: "SEMVER", events: [{ introduced: "2.0.0" }, { fixed: "2.4.2" }] }],
  attachments: [{ filename: `fix-${CANARY}.patch` }],
  recipients: [{ organisation: { name: `Org ${CANARY}` } }],
  embargoNotes: `notes ${CANARY}`,
};

describe("renderPreAnnouncement", () => {
  it("says the project, the severity, the range and the time with its zone — in the agreed words", () => {
    expect(renderPreAnnouncement("Acme Parser", facts)).toEqual({
      slug: "3f9c2a7b1e04",
      status: "upcoming",
      title: "Upcoming security release for Acme Parser",
      text: "Upcoming security release for Acme Parser: severity High, affecting 2.0.0 to 2.4.1, on 2026-12-10 14:00 UTC.",
    });
  });

  it("reads nothing else of what it is given: a canary in every other field of a whole notice never comes out", () => {
    const out = JSON.stringify(renderPreAnnouncement("Acme Parser", leaky as PreAnnouncementFacts));
    expect(out).not.toContain(CANARY);
    expect(out).toContain("severity High");
    // The control: the same canary in the one typed field does come out, so the check above can fail.
    expect(JSON.stringify(renderPreAnnouncement("Acme Parser", { ...facts, versionRange: CANARY }))).toContain(CANARY);
  });

  it("a cancelled one says only that the release is cancelled (no range, no severity)", () => {
    const out = renderPreAnnouncement("Acme Parser", { ...facts, cancelledAt: new Date("2026-12-05T09:00:00Z") });
    expect(out).toEqual({ slug: "3f9c2a7b1e04", status: "cancelled", title: "Cancelled: security release for Acme Parser", text: "The security release for Acme Parser pre-announced for 2026-12-10 14:00 UTC is cancelled." });
  });

  it("keeps a range on one line even if whitespace got in", () => {
    expect(renderPreAnnouncement("P", { ...facts, versionRange: "  1.0\t to  2.0 " }).text).toContain("affecting 1.0 to 2.0, on");
  });
});

describe("publicSeverity", () => {
  it.each([
    [{ cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", cvssScore: 9.3, severity: "LOW" }, "CRITICAL"],
    [{ cvssVector: "CVSS:4.0/x", cvssScore: 7.0, severity: null }, "HIGH"],
    [{ cvssVector: "CVSS:4.0/x", cvssScore: 0, severity: null }, "NONE"],
    [{ cvssVector: null, cvssScore: null, severity: "MEDIUM" }, "MEDIUM"],
    [{ cvssVector: null, cvssScore: 8.1, severity: null }, null],
    [{ cvssVector: null, cvssScore: null, severity: null }, null],
    [{ cvssVector: null, cvssScore: null, severity: "SEVERE" }, null],
  ])("%j → %s", (notice, expected) => expect(publicSeverity(notice)).toBe(expected));
});

describe("proposedVersionRange", () => {
  it("version numbers only: no package names, no git commits", () => {
    const packages = [
      { ecosystem: "npm", name: "secret-module", purl: null, rangeType: "SEMVER", repo: null, events: [{ introduced: "2.0.0" }, { fixed: "2.4.2" }] },
      { ecosystem: "PyPI", name: "other-secret", purl: null, rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "0" }, { fixed: "1.9.3" }, { introduced: "3.0" }, { last_affected: "3.1" }] },
      { ecosystem: "", name: "repo", purl: null, rangeType: "GIT", repo: "https://git.example/x", events: [{ introduced: "a".repeat(40) }, { fixed: "b".repeat(40) }] },
      { ecosystem: "npm", name: "dup", purl: null, rangeType: "SEMVER", repo: null, events: [{ introduced: "2.0.0" }, { fixed: "2.4.2" }] },
      { ecosystem: "Go", name: "mod", purl: null, rangeType: "SEMVER", repo: null, events: [{ introduced: "5.0.0" }] },
    ];
    const range = proposedVersionRange(packages);
    expect(range).toBe("versions 2.0.0 before 2.4.2; before 1.9.3; 3.0 to 3.1; 5.0.0 and later");
    for (const secret of ["secret", "npm", "PyPI", "aaaa", "bbbb", "git.example"]) expect(range).not.toContain(secret);
  });

  it("nothing to propose without structured ranges (the maintainer types it)", () => {
    expect(proposedVersionRange([])).toBe("");
    expect(proposedVersionRange("not json")).toBe("");
    expect(proposedVersionRange([{ ecosystem: "", name: "r", rangeType: "GIT", repo: "https://git.example/x", events: [{ fixed: "c".repeat(40) }] }])).toBe("");
  });
});

describe("the announce list's email", () => {
  it("carries the rendered words and where the advisory will appear, nothing of the notice", () => {
    const email = preAnnouncementEmail("Acme Parser", "https://forewarn.example.org", leaky as PreAnnouncementFacts, "published");
    expect(email.subject).toBe("[Acme Parser security] Upcoming security release for Acme Parser, 2026-12-10 14:00 UTC");
    expect(email.text).toBe(
      "Upcoming security release for Acme Parser: severity High, affecting 2.0.0 to 2.4.1, on 2026-12-10 14:00 UTC.\n\nNo details are public before then. The advisory will be published at that time on https://forewarn.example.org/advisories (Atom feed: https://forewarn.example.org/advisories/feed.xml).",
    );
    expect(JSON.stringify(email)).not.toContain(CANARY);
  });

  it("an update says so in the subject; a cancellation says no advisory follows", () => {
    expect(preAnnouncementEmail("P", "https://x.example", { ...facts, disclosureAt: new Date("2026-12-11T09:30:00Z") }, "updated").subject).toBe("[P security] Updated: Upcoming security release for P, 2026-12-11 09:30 UTC");
    const cancelled = preAnnouncementEmail("P", "https://x.example", { ...facts, cancelledAt: at }, "cancelled");
    expect(cancelled.subject).toBe("[P security] Cancelled: security release for P");
    expect(cancelled.text).toBe("The security release for P pre-announced for 2026-12-10 14:00 UTC is cancelled.\n\nNo advisory will be published for it.");
  });
});

describe("ids and times", () => {
  it("the Atom entry id is a tag URI of the site's host, the first publication's day and the public slug", () => {
    expect(preAnnouncementEntryId("https://forewarn.example.org/", "3f9c2a7b1e04", new Date("2026-12-03T17:10:00Z"))).toBe("tag:forewarn.example.org,2026-12-03:pre-announcement:3f9c2a7b1e04");
  });
  it("times are UTC, with the zone", () => expect(publicTime(new Date("2026-01-02T03:04:59Z"))).toBe("2026-01-02 03:04 UTC"));
});
