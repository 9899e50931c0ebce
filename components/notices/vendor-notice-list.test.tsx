import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { VendorNoticeList } from "./vendor-notice-list";

const now = new Date("2026-11-20T10:00:00Z");

describe("the vendor's list of notices", () => {
  it("shows a title only once the terms are accepted, with time left and acknowledgement", () => {
    const html = renderToStaticMarkup(
      <VendorNoticeList
        now={now}
        notices={[
          { id: "n1", reference: "FW-2026-0007", title: null, termsAccepted: false, state: "EMBARGOED", disclosureAt: new Date("2026-11-20T10:45:00Z"), acknowledgedAt: null },
          { id: "n2", reference: "FW-2026-0003", title: "Old parser bug", termsAccepted: true, state: "DISCLOSED", disclosureAt: new Date("2026-11-01T14:00:00Z"), acknowledgedAt: new Date("2026-10-28T09:00:00Z") },
        ]}
      />,
    );
    expect(html).toContain('href="/vendor/notices/n1"');
    expect(html).toContain("Accept the terms to read it");
    expect(html).toContain("in 45 minutes");
    expect(html).toContain("not acknowledged");
    expect(html).toContain("Old parser bug");
    expect(html).toContain(">disclosed<");
    expect(html).toContain("2026-11-01 14:00 UTC");
  });
});
