// Every field of a notice reaches every form of it: the vendor's page, the maintainer's "Preview as vendor", the
// maintainer's own view, the OpenPGP-encrypted email and the vendor API. A fixture with a distinct marker in every
// text field must show each marker in each form, and changing any one field (flags and scores included) must change
// each form's output. A field added to the list but left out of a form fails here.
import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { NoticeBody } from "@/components/notices/notice-body";
import { VendorNoticeContent } from "@/components/notices/vendor-notice-content";
import { VendorNoticeDetail } from "@/components/notices/vendor-notice-detail";
import type { VendorNotice } from "@/lib/notices/data";
import { toApiNoticeDetail } from "@/lib/tokens/api-notices";
import { fullNoticeText } from "./mail";
import { RENDERED_FIELDS, type NoticeContent } from "./notice-fields";
import { REVISABLE } from "./data/revisions";

type Full = Extract<VendorNotice, { view: "full" }>;
const now = new Date("2026-11-20T10:00:00Z");
const URL = "https://forewarn.example";

const content: NoticeContent = {
  title: "MK-TITLE",
  summary: "MK-SUMMARY",
  description: "MK-DESCRIPTION",
  affectedVersions: "MK-AFFECTED-VERSIONS",
  fixedVersions: "MK-FIXED-VERSIONS",
  remediation: "MK-REMEDIATION",
  mitigation: "MK-MITIGATION",
  workaround: "MK-WORKAROUND",
  detection: "MK-DETECTION",
  affectedPackages: [{ ecosystem: "PyPI", name: "mk-range-package", purl: null, rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "0" }, { fixed: "9.9.9" }] }],
  references: [{ type: "FIX", url: "https://example.org/mk-link" }],
  cveIds: ["CVE-2026-90001"],
  relatedCveIds: ["CVE-2026-90003"],
  cwe: "CWE-787",
  cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
  cvssScore: 9.3,
  severity: null,
  deployBeforeDisclosure: false,
  patchEmbargoed: true,
  embargoNotes: "MK-EMBARGO-NOTES",
  reporterCredit: "MK-CREDIT",
  reporterOptOut: false,
};

/** The marker each form must show for a field: its text, or one distinct part of it (the rest are changed below). */
const MARKERS: Partial<Record<keyof NoticeContent, string>> = {
  ...Object.fromEntries(Object.entries(content).filter(([, value]) => typeof value === "string")),
  affectedPackages: "mk-range-package",
  references: "https://example.org/mk-link",
  cveIds: "CVE-2026-90001",
  relatedCveIds: "CVE-2026-90003",
};

/** The fixture with one field changed (and what that field needs around it to show at all). */
function changed(field: keyof NoticeContent): { before: NoticeContent; after: NoticeContent } {
  const plainRating = { ...content, cvssVector: null, cvssScore: null };
  switch (field) {
    case "severity":
      return { before: { ...plainRating, severity: "MEDIUM" }, after: { ...plainRating, severity: "HIGH" } };
    case "cvssScore":
      return { before: content, after: { ...content, cvssScore: 5.1 } };
    case "deployBeforeDisclosure":
    case "patchEmbargoed":
    case "reporterOptOut":
      return { before: content, after: { ...content, [field]: !content[field] } };
    case "cveIds":
      return { before: content, after: { ...content, cveIds: ["CVE-2026-90002"] } };
    case "relatedCveIds":
      return { before: content, after: { ...content, relatedCveIds: ["CVE-2026-90004"] } };
    case "affectedPackages":
      return { before: content, after: { ...content, affectedPackages: [] } };
    case "references":
      return { before: content, after: { ...content, references: [] } };
    default:
      return { before: content, after: { ...content, [field]: `${String(content[field])}-CHANGED` } };
  }
}

function noticeOf(c: NoticeContent) {
  return {
    ...c,
    id: "n1",
    reference: "FW-2026-0042",
    state: "EMBARGOED",
    revision: 0,
    disclosureAt: new Date("2026-11-24T14:00:00Z"),
    sentAt: new Date("2026-11-17T14:00:00Z"),
    disclosedAt: null,
    plannedDisclosureAt: null,
    withdrawnAt: null,
    endReason: null,
    attachments: [],
    revisions: [],
  };
}

const recipient: Full["recipient"] = { acknowledgedAt: null, acknowledgedBy: null, feedback: null, statement: null, statementComment: null, history: [], messages: [] };

/** Each form of the notice, as text. The vendor's own data layer leaves out a declined credit before the page. */
const FORMS: Record<string, (c: NoticeContent) => string> = {
  "vendor page": (c) => renderToStaticMarkup(<VendorNoticeDetail notice={{ ...noticeOf(c), reporterCredit: c.reporterOptOut ? null : c.reporterCredit, copyMark: null } as Full["notice"]} recipient={recipient} now={now} />),
  "preview as vendor": (c) => renderToStaticMarkup(<VendorNoticeContent notice={noticeOf(c)} now={now} level={2} />),
  // The maintainer's page heads the body with the title in its own header.
  "maintainer view": (c) => renderToStaticMarkup(
    <>
      <h1>{c.title}</h1>
      <NoticeBody notice={noticeOf(c)} />
    </>,
  ),
  "encrypted email": (c) => fullNoticeText(noticeOf(c), URL),
  "API JSON": (c) => JSON.stringify(toApiNoticeDetail({ view: "full", notice: { ...noticeOf(c), reporterCredit: c.reporterOptOut ? null : c.reporterCredit, copyMark: null } as Full["notice"], recipient }, URL)),
};

describe("one rendering of a notice", () => {
  it("the field list covers every field a revision can change", () => {
    expect([...REVISABLE].filter((f) => !RENDERED_FIELDS.includes(f))).toEqual([]);
  });

  for (const [form, render] of Object.entries(FORMS)) {
    it(`${form}: shows every field`, () => {
      const out = render(content);
      const missing = Object.entries(MARKERS).filter(([, marker]) => !out.includes(marker)).map(([field]) => field);
      expect(missing).toEqual([]);
      const unchanged = RENDERED_FIELDS.filter((field) => {
        const { before, after } = changed(field);
        return render(before) === render(after);
      });
      expect(unchanged).toEqual([]);
    });
  }

  it("a reporter who opted out is credited in no form a recipient reads", () => {
    for (const [form, render] of Object.entries(FORMS)) {
      if (form === "maintainer view") continue;
      expect(render({ ...content, reporterOptOut: true }), form).not.toContain("MK-CREDIT");
    }
  });
});
