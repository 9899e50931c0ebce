import { describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { NoticeDraftSchema } from "@/lib/notices/schemas";

// The form's server actions are not called here: only what the form renders and what it would submit.
vi.mock("@/lib/notices/actions", () => ({ createNoticeAction: vi.fn(), updateNoticeAction: vi.fn() }));
const { NoticeForm } = await import("./notice-form");
const { EMPTY_NOTICE } = await import("./notice-form-values");

const organisations = [
  { id: "org-a", name: "Alpha Linux", status: "ACTIVE", hasKey: true },
  { id: "org-b", name: "Beta Cloud", status: "SUSPENDED", hasKey: false },
];

function render(overrides: Partial<Parameters<typeof NoticeForm>[0]["initial"]> = {}, noticeId?: string) {
  return renderToStaticMarkup(
    <NoticeForm noticeId={noticeId} organisations={organisations} initial={{ ...EMPTY_NOTICE, disclosureAt: new Date("2026-12-08T14:00:00Z"), ...overrides }} />,
  );
}

const names = (html: string) => new Set([...html.matchAll(/\sname="([^"]+)"/g)].map((m) => m[1]!));

describe("the notice form", () => {
  it("names only fields the strict draft schema accepts (an unknown one would refuse every save)", () => {
    const allowed = new Set([...Object.keys(NoticeDraftSchema.shape), "noticeId"]);
    const html = render({ audience: "SELECTED", organisationIds: ["org-a"] }, "notice-1");
    const found = names(html);
    expect([...found].filter((n) => !allowed.has(n) && !n.startsWith("$ACTION"))).toEqual([]);
    for (const field of ["title", "summary", "description", "remediation", "detection", "affectedVersions", "fixedVersions", "cveIds", "cwe", "cvssVector", "severity", "deployBeforeDisclosure", "patchEmbargoed", "embargoNotes", "reporterCredit", "reporterOptOut", "disclosureAt", "audience", "organisationIds", "encryptFullText", "affectedPackages", "references", "mitigation", "workaround"]) {
      expect(found, field).toContain(field);
    }
  });

  it("posts the affected ranges as rows the schema turns into ranges with events, and labels every range input", () => {
    const row = { ecosystem: "PyPI", name: "cryptography", purl: "", rangeType: "ECOSYSTEM" as const, repo: "", introduced: "41.0.0", fixed: "44.0.1", lastAffected: "" };
    const html = render({ advisory: { ...EMPTY_NOTICE.advisory, affectedPackages: [row] } });
    const posted = html.match(/name="affectedPackages" value="([^"]*)"/)![1]!.replace(/&quot;/g, '"');
    const parsed = NoticeDraftSchema.parse({ title: "Range test", disclosureAt: "2026-12-08T14:00Z", affectedPackages: posted });
    expect(parsed.affectedPackages).toEqual([{ ecosystem: "PyPI", name: "cryptography", purl: "pkg:pypi/cryptography", rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "41.0.0" }, { fixed: "44.0.1" }] }]);
    expect(html).toContain("Fixed in version");
  });

  it("submits the disclosure time as an instant in UTC, shown as such", () => {
    const html = render();
    expect(html).toContain('name="disclosureAt" value="2026-12-08T14:00Z"');
    expect(html).toContain("2026-12-08 14:00 UTC");
    expect(html).toContain('type="datetime-local"');
  });

  it("lists organisations only for a selected audience, with the inactive ones marked", () => {
    expect(render()).not.toContain("Alpha Linux");
    const html = render({ audience: "SELECTED", organisationIds: ["org-a", "org-b"] });
    expect(html).toContain("Alpha Linux");
    expect(html).toMatch(/Beta Cloud.*suspended: receives nothing unless active when sent/);
  });

  it("labels every input", () => {
    const html = render({ audience: "SELECTED" });
    const ids = [...html.matchAll(/<(?:input|textarea|select)\b[^>]*\sid="([^"]+)"/g)].map((m) => m[1]!);
    const labelled = new Set([...html.matchAll(/<label[^>]*\sfor="([^"]+)"/g)].map((m) => m[1]!));
    expect(ids.filter((id) => !labelled.has(id))).toEqual([]);
  });

  it("a submission shaped like the form's is accepted by the schema", () => {
    const parsed = NoticeDraftSchema.safeParse({
      title: "Heap overflow in the record parser",
      summary: "",
      description: "## Details\n\nA *bad* bug.",
      affectedVersions: ">= 1.0",
      fixedVersions: "1.2.3",
      remediation: "",
      detection: "",
      cveIds: "CVE-2026-12345",
      relatedCveIds: "cve-2026-54321",
      cwe: "787",
      cvssVector: "",
      severity: "HIGH",
      disclosureAt: "2026-12-08T14:00Z",
      patchEmbargoed: "on",
      embargoNotes: "",
      reporterCredit: "",
      audience: "SELECTED",
      organisationIds: ["org-a", "org-b"],
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ cveIds: ["CVE-2026-12345"], relatedCveIds: ["CVE-2026-54321"], cwe: "CWE-787", patchEmbargoed: true, deployBeforeDisclosure: false, organisationIds: ["org-a", "org-b"] });
  });
});
