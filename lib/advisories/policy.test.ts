import { describe, expect, it } from "vitest";
import { cveExportRefusal } from "./policy";

describe("cveExportRefusal", () => {
  const ask = (state: string, cveId: string | null = "CVE-2026-12345") => cveExportRefusal({ state, reference: "FW-2026-0007", cveId });
  it("allows exactly a disclosed notice with its CVE ID", () => {
    expect(ask("DISCLOSED")).toBeNull();
    expect(ask("DISCLOSED", null)).toMatch(/^FW-2026-0007 has no CVE ID/);
  });
  it("says why every other state has none, naming the notice", () => {
    expect(ask("DRAFT")).toBe("FW-2026-0007 is a draft: its CVE record can be downloaded once it has been sent and disclosed.");
    expect(ask("EMBARGOED")).toBe("FW-2026-0007 is under embargo: its CVE record can be downloaded once it is disclosed.");
    expect(ask("WITHDRAWN")).toMatch(/^FW-2026-0007 was withdrawn: it has no CVE record\. If a CVE ID was assigned to it, reject it/);
    expect(ask("SOMETHING_NEW")).toBe("FW-2026-0007 has no CVE record.");
  });
});
