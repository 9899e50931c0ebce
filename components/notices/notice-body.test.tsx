import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { NoticeBody, type NoticeBodyData } from "./notice-body";
import { RevisionHistory } from "./revision-history";

const notice: NoticeBodyData = {
  id: "n1",
  reference: "FW-2026-0007",
  title: "Heap overflow",
  summary: "A crafted header overflows.",
  description: "## Details\n\n<script>alert(1)</script>\n\nA **bold** claim.",
  remediation: "Upgrade.",
  detection: "",
  mitigation: "Disable archive previews.",
  workaround: "",
  affectedPackages: [{ ecosystem: "PyPI", name: "archiver", purl: null, rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "0" }, { fixed: "2.0.1" }] }],
  references: [{ type: "FIX", url: "https://example.org/commit/abc" }],
  affectedVersions: "< 2.0",
  fixedVersions: "2.0.1",
  cveIds: ["CVE-2026-1234"],
  relatedCveIds: [],
  cwe: "CWE-787",
  cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
  cvssScore: 9.3,
  severity: null,
  deployBeforeDisclosure: false,
  patchEmbargoed: true,
  embargoNotes: "Distribution maintainers only.",
  reporterCredit: "Jane Doe",
  reporterOptOut: true,
  disclosureAt: new Date("2026-12-08T14:00:00Z"),
  revision: 0,
  attachments: [{ id: "a1", filename: "fix.patch", contentType: "text/x-diff", size: 2048, sha256: "ab".repeat(32), public: false }],
};

describe("a notice's body", () => {
  it("renders every field, Markdown sanitized, the time with its zone", () => {
    const html = renderToStaticMarkup(<NoticeBody notice={notice} />);
    for (const text of ["2026-12-08 14:00 UTC", "9.3 Critical", "CVE-2026-1234", "CWE-787", "&lt; 2.0", "2.0.1", "<strong>bold</strong>", "Upgrade.", "not allowed", "under embargo", "Distribution maintainers only.", "fix.patch", "2.0 KB", "ab".repeat(32)]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain("<script");
    expect(html).toContain('href="/api/notices/n1/attachments/a1"');
  });

  it("tells maintainers when stored links or ranges are left out as not valid (and says nothing when all are)", () => {
    expect(renderToStaticMarkup(<NoticeBody notice={notice} />)).not.toContain("Left out:");
    const stale = {
      ...notice,
      references: [...(notice.references as unknown[]), { type: "WEB", url: 'https://x.example/"><b>' }, { type: "WEB", url: "https://a\u202egnp.example" }],
      affectedPackages: [...(notice.affectedPackages as unknown[]), { ecosystem: "", name: "repo", purl: null, rangeType: "GIT", repo: "http://insecure.example/r", events: [{ introduced: "0" }, { fixed: "a".repeat(40) }] }],
    };
    const html = renderToStaticMarkup(<NoticeBody notice={stale} />);
    // The one with quotes is still a link, written as a URI; the bidi one and the http:// repository are left out.
    expect(html).toContain("https://x.example/%22%3E%3Cb%3E");
    expect(html).toContain("2 stored links or ranges are");
  });

  it("shows maintainers a credit the reporter declined, marked as never shown to recipients", () => {
    const maintainerView = renderToStaticMarkup(<NoticeBody notice={notice} />);
    expect(maintainerView).toContain("Jane Doe");
    expect(maintainerView).toContain("The reporter opted out");
    expect(maintainerView).toContain("Public when disclosed");
  });

  it("revisions show old → new with times in UTC", () => {
    const html = renderToStaticMarkup(
      <RevisionHistory revisions={[{ number: 1, changeNote: "Later", changes: { disclosureAt: ["2026-12-08T14:00:00.000Z", "2026-12-09T14:00:00.000Z"] }, at: new Date("2026-12-01T10:00:00Z") }]} />,
    );
    expect(html).toMatch(/Disclosure time:.*2026-12-08 14:00 UTC.*changed to.*2026-12-09 14:00 UTC/);
    expect(html).toContain("Later");
  });
});
