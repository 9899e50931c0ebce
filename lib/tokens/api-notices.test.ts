import { describe, expect, it } from "vitest";
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
});
