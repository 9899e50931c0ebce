import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import type { VendorNotice } from "@/lib/notices/data";
import { VendorEmbargoTerms } from "./vendor-embargo-terms";
import { VendorNoticeDetail } from "./vendor-notice-detail";

type Full = Extract<VendorNotice, { view: "full" }>;
const now = new Date("2026-11-20T10:00:00Z");

function fixture(over: Partial<Full["notice"]> = {}): Full["notice"] {
  return {
    id: "n1",
    reference: "FW-2026-0007",
    state: "EMBARGOED",
    title: "Heap overflow in the parser",
    summary: "A crafted file overflows a buffer.",
    description: "Details **here**.\n\n<script>alert(1)</script>",
    remediation: "Upgrade.",
    detection: "",
    affectedVersions: "< 2.4.1",
    fixedVersions: "2.4.1",
    cveIds: ["CVE-2026-1234"],
    relatedCveIds: [],
    cwe: "CWE-787",
    cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    cvssScore: 9.3,
    severity: null,
    deployBeforeDisclosure: false,
    patchEmbargoed: true,
    embargoNotes: "",
    reporterCredit: "Alice Example",
    reporterOptOut: false,
    disclosureAt: new Date("2026-11-23T14:00:00Z"),
    revision: 1,
    sentAt: new Date("2026-11-16T14:00:00Z"),
    disclosedAt: null,
    withdrawnAt: null,
    plannedDisclosureAt: null,
    endReason: null,
    mitigation: "",
    workaround: "",
    affectedPackages: [],
    references: [],
    attachments: [{ id: "a1", filename: "fix.patch", contentType: "text/x-diff", size: 2048, sha256: "ab".repeat(32), createdAt: now }],
    revisions: [{ number: 1, changeNote: "Credit corrected.", changes: { reporterCredit: ["Alice", "Alice Example"] }, at: now }],
    ...over,
  } as Full["notice"];
}

const recipient: Full["recipient"] = {
  acknowledgedAt: null,
  acknowledgedBy: null,
  feedback: null,
  statement: null,
  statementComment: null,
  history: [],
  messages: [],
};

const render = (notice: Full["notice"], r: Full["recipient"] = recipient) => renderToStaticMarkup(<VendorNoticeDetail notice={notice} recipient={r} now={now} />);

describe("the vendor's notice page", () => {
  it("shows the notice with its severity, time left, files and an acknowledge button", () => {
    const html = render(fixture());
    expect(html).toContain("Heap overflow in the parser");
    expect(html).toContain("9.3 Critical");
    expect(html).toContain("in 3 days 4 hours");
    expect(html).toContain("2026-11-23 14:00 UTC");
    expect(html).toContain('href="/api/notices/n1/attachments/a1"');
    expect(html).toContain("Acknowledge FW-2026-0007");
    expect(html).toContain("<strong>here</strong>");
    expect(html).not.toContain("alert(1)");
  });

  it("credits the reporter, and never names one who opted out (history included)", () => {
    expect(render(fixture())).toContain("Alice Example");
    const html = render(fixture({ reporterOptOut: true }));
    expect(html).not.toContain("Alice");
  });

  it("shows the organisation's private thread and a form to write to it", () => {
    const html = render(fixture(), { ...recipient, messages: [{ id: "m1", from: "The maintainers", fromMaintainer: true, body: "Can you test the patch?", at: now }] });
    expect(html).toContain("Questions to the maintainers");
    expect(html).toContain("Can you test the patch?");
    expect(html).toContain("Your message");
  });

  it("says who acknowledged and when instead of the button", () => {
    const html = render(fixture(), { ...recipient, acknowledgedAt: new Date("2026-11-18T09:00:00Z"), acknowledgedBy: "Bob Member" });
    expect(html).toContain("Acknowledged by <span class=\"font-medium\">Bob Member</span>");
    expect(html).not.toContain("Acknowledge FW-2026-0007");
  });

  it("terms view: the conditions of this notice and the accept button, nothing of its content", () => {
    const html = renderToStaticMarkup(
      <VendorEmbargoTerms notice={{ id: "n1", reference: "FW-2026-0007", state: "EMBARGOED", disclosureAt: new Date("2026-11-23T14:00:00Z"), disclosedAt: null, deployBeforeDisclosure: true, patchEmbargoed: false, embargoNotes: "Coordinate with upstream." }} now={now} />,
    );
    expect(html).toContain("I accept these terms");
    expect(html).toContain("Deploying fixes before the disclosure time is allowed");
    expect(html).toContain("The patches themselves are not embargoed");
    expect(html).toContain("Coordinate with upstream.");
    expect(html).not.toContain("Heap overflow");
  });

  it("terms of a disclosed notice (a member added after the embargo ended early): public since when, no deadline that has passed", () => {
    const planned = new Date("2026-11-23T14:00:00Z");
    const ended = new Date("2026-11-19T08:30:00Z");
    const notice = { id: "n1", reference: "FW-2026-0007", state: "DISCLOSED", disclosureAt: ended, disclosedAt: ended, deployBeforeDisclosure: false, patchEmbargoed: true, embargoNotes: "Coordinate with upstream." };
    const html = renderToStaticMarkup(<VendorEmbargoTerms notice={notice} now={now} />);
    expect(html).toContain("This issue is public since");
    expect(html).toContain("2026-11-19 08:30 UTC");
    expect(html).toContain("The embargo is over");
    expect(html).toContain("Coordinate with upstream.");
    expect(html).toContain("I accept these terms");
    for (const stale of ["Do not deploy", "before the disclosure time", "Until the disclosure time", "Nothing public, nothing hinted", "under embargo too", planned.toISOString().slice(0, 10)]) expect(html).not.toContain(stale);
    // Under embargo the same notice still says not to deploy before its time.
    expect(renderToStaticMarkup(<VendorEmbargoTerms notice={{ ...notice, state: "EMBARGOED", disclosureAt: planned, disclosedAt: null }} now={now} />)).toContain("Do not deploy fixes before the disclosure time");
  });

  it("a notice disclosed early says when it became public, what was planned and why", () => {
    const ended = new Date("2026-11-19T08:30:00Z");
    const html = render(fixture({ state: "DISCLOSED", disclosureAt: ended, disclosedAt: ended, plannedDisclosureAt: new Date("2026-11-23T14:00:00Z"), endReason: "Exploited in the wild" }));
    expect(html).toMatch(/Public since .*2026-11-19 08:30 UTC.* \(planned .*2026-11-23 14:00 UTC.*, ended early.*: Exploited in the wild/);
    expect(html).not.toContain("Do not deploy");
  });
});
