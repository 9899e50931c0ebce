import { describe, expect, it } from "vitest";
import { inVendorOrder } from "./vendor-order";

describe("a vendor's notices", () => {
  it("under embargo first, soonest disclosure at the top; then the rest, most recent first", () => {
    const at = (day: number) => new Date(Date.UTC(2026, 11, day, 14));
    const rows = [
      { ref: "disclosed-old", state: "DISCLOSED", disclosureAt: at(1) },
      { ref: "embargo-later", state: "EMBARGOED", disclosureAt: at(16) },
      { ref: "withdrawn", state: "WITHDRAWN", disclosureAt: at(20) },
      { ref: "embargo-soon", state: "EMBARGOED", disclosureAt: at(11) },
      { ref: "disclosed-new", state: "DISCLOSED", disclosureAt: at(5) },
    ];
    expect(inVendorOrder(rows).map((r) => r.ref)).toEqual(["embargo-soon", "embargo-later", "withdrawn", "disclosed-new", "disclosed-old"]);
  });
});
