import { describe, expect, it } from "vitest";
import { findTextMarks, stripMarks } from "@/lib/tracing/text-marks";
import { toApiNoticeDetail, toApiNoticeSummary, toApiTermsRequired } from "./api-notices";

const URL = "https://forewarn.example";
const at = new Date("2026-12-01T14:00:00Z");

describe("JSON API shapes", () => {
  it("a list row: reference, state, UTC time, acknowledgement and links, never the title", () => {
    const row = { id: "n/1", reference: "FW-2026-0007", title: "Heap overflow", termsAccepted: true, state: "EMBARGOED", disclosureAt: at, acknowledgedAt: null };
    const out = toApiNoticeSummary(row, URL);
    expect(out).toEqual({
      id: "n/1",
      reference: "FW-2026-0007",
      state: "EMBARGOED",
      disclosureAt: "2026-12-01T14:00:00.000Z",
      acknowledged: false,
      acknowledgedAt: null,
      termsAccepted: true,
      links: { self: `${URL}/api/v1/notices/n%2F1`, csaf: `${URL}/api/v1/notices/n%2F1/csaf.json`, portal: `${URL}/vendor/notices/n%2F1` },
    });
    expect(JSON.stringify(out)).not.toContain("Heap overflow");
  });

  it("before the terms: what the terms page shows, and where to accept them", () => {
    const out = toApiTermsRequired({ view: "terms", id: "n1", reference: "FW-2026-0007", state: "EMBARGOED", disclosureAt: at, disclosedAt: null, deployBeforeDisclosure: false, patchEmbargoed: true, embargoNotes: "" }, URL);
    expect(out).toMatchObject({ error: expect.stringMatching(/Accept the embargo terms/), reference: "FW-2026-0007", links: { portal: `${URL}/vendor/notices/n1` } });
  });

  it("the full notice is an allowlist: columns outside it (internal reasons, maintainers' ids, people) do not pass", () => {
    const notice = {
      id: "n1",
      reference: "FW-2026-0007",
      state: "EMBARGOED",
      title: "Heap overflow",
      summary: "s",
      description: "d",
      remediation: "r",
      detection: "",
      affectedVersions: "< 2.0",
      fixedVersions: "2.0",
      cveIds: ["CVE-2026-1234"],
      relatedCveIds: [],
      cwe: "CWE-787",
      cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      cvssScore: 9.8,
      severity: "CRITICAL",
      deployBeforeDisclosure: false,
      patchEmbargoed: true,
      embargoNotes: "n",
      reporterCredit: null,
      reporterOptOut: true,
      disclosureAt: at,
      revision: 1,
      sentAt: at,
      disclosedAt: null,
      withdrawnAt: null,
      endReason: "INTERNAL-REASON",
      attachments: [{ id: "a1", filename: "fix.patch", contentType: "text/x-diff", size: 10, sha256: "ab", createdAt: at }],
      revisions: [{ number: 1, changeNote: "INTERNAL-NOTE", changes: {}, at }],
    };
    const recipient = {
      acknowledgedAt: at,
      acknowledgedBy: "PERSON-NAME",
      feedback: "RECEIVED",
      statement: null,
      statementComment: null,
      history: [{ by: "PERSON-NAME", feedback: null, statement: null, comment: "c", at }],
      messages: [{ id: "m", from: "PERSON-NAME", fromMaintainer: false, body: "MESSAGE-BODY", at }],
    };
    const out = toApiNoticeDetail({ view: "full", notice, recipient } as never, URL);
    expect(out).toMatchObject({ title: "Heap overflow", cvss: { score: 9.8, label: "CVSS v3.1 base score" }, embargo: { disclosureAt: "2026-12-01T14:00:00.000Z" }, organisation: { acknowledgedAt: "2026-12-01T14:00:00.000Z", feedback: "RECEIVED" } });
    expect(out.attachments).toEqual([{ id: "a1", filename: "fix.patch", contentType: "text/x-diff", size: 10, sha256: "ab" }]);
    for (const hidden of ["INTERNAL-REASON", "INTERNAL-NOTE", "PERSON-NAME", "MESSAGE-BODY", "reporterOptOut", "withdrawnAt"]) expect(JSON.stringify(out)).not.toContain(hidden);
  });

  it("under embargo the prose carries the copy's mark; ids, versions, vectors, ranges, dates and links stay as stored", () => {
    const words = "The header parser trusts the length field of an archive and copies that many bytes into a fixed buffer on the stack.";
    const notice = {
      id: "n1",
      reference: "FW-2026-0007",
      state: "EMBARGOED",
      title: "Heap overflow in the header parser of archiver",
      summary: words,
      description: `${words}\n\n\`\`\`\nparse_header(buf, len) copies the whole length into the stack buffer\n\`\`\`\n\nSee https://example.org/advisory for more about the parser.`,
      remediation: words,
      mitigation: words,
      workaround: words,
      detection: words,
      affectedVersions: ">= 4.0.0, < 4.2.7 of the archiver package on every platform we know",
      fixedVersions: "4.2.7",
      affectedPackages: [{ ecosystem: "PyPI", name: "archiver", purl: "", rangeType: "ECOSYSTEM", repo: "", introduced: "4.0.0", fixed: "4.2.7", lastAffected: "" }],
      references: [{ type: "FIX", url: "https://github.com/acme/archiver/commit/0123456789abcdef" }],
      cveIds: ["CVE-2026-1234"],
      relatedCveIds: [],
      cwe: "CWE-787",
      cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      cvssScore: 9.8,
      severity: "CRITICAL",
      deployBeforeDisclosure: false,
      patchEmbargoed: true,
      embargoNotes: words,
      reporterCredit: null,
      reporterOptOut: true,
      disclosureAt: at,
      plannedDisclosureAt: null,
      revision: 1,
      disclosedAt: null,
      attachments: [{ id: "a1", filename: "fix.patch", contentType: "text/x-diff", size: 10, sha256: "ab", createdAt: at }],
      revisions: [],
    };
    const recipient = { acknowledgedAt: null, acknowledgedBy: null, feedback: null, statement: null, statementComment: null, history: [], messages: [] };
    const clean = toApiNoticeDetail({ view: "full", notice: { ...notice, copyMark: null }, recipient } as never, URL);
    const marked = toApiNoticeDetail({ view: "full", notice: { ...notice, copyMark: "0123456789abcdef" }, recipient } as never, URL);
    const json = JSON.stringify(marked);
    expect(findTextMarks(JSON.parse(json).description)).toEqual([{ code: "0123456789abcdef", count: expect.any(Number) }]);
    expect(marked.title).toBe(clean.title);
    for (const field of ["summary", "description", "remediation", "mitigation", "workaround", "detection"] as const) {
      expect(findTextMarks(marked[field]).map((m) => m.code), field).toEqual(["0123456789abcdef"]);
      expect(stripMarks(marked[field])).toBe(clean[field]);
    }
    expect(findTextMarks(marked.embargo.notes).map((m) => m.code)).toEqual(["0123456789abcdef"]);
    // Everything else is exactly the clean copy's, and the mark keeps out of the code block and the address.
    const { summary: _s, description, remediation: _r, mitigation: _m, workaround: _w, detection: _d, embargo, ...rest } = marked;
    const { summary: _s2, description: _d2, remediation: _r2, mitigation: _m2, workaround: _w2, detection: _dd2, embargo: cleanEmbargo, ...cleanRest } = clean;
    expect(rest).toEqual(cleanRest);
    expect({ ...embargo, notes: "" }).toEqual({ ...cleanEmbargo, notes: "" });
    expect(description).toContain("parse_header(buf, len) copies the whole length into the stack buffer");
    expect(description).toContain("https://example.org/advisory");
    expect(findTextMarks(JSON.stringify(clean))).toEqual([]);
  });
});
