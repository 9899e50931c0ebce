// The reporter's side as a table: role × report status × whose report, for reading, writing to the security team and
// changing the credit; and what of the linked notice a reporter learns.
import { describe, expect, it } from "vitest";
import type { NoticeState, ReportStatus } from "@/generated/prisma/enums";
import type { Viewer } from "@/lib/server/viewer-types";
import { mayChangeOwnCredit, mayPostReporterMessage, mayReadOwnReport, reporterNoticeView, reporterThreadAuthor } from "./portal-policy";

const base = { email: "x@example.org", name: null, sessionId: "s", secondFactor: false, totpEnrolled: false };
const VIEWERS: Record<string, Viewer> = {
  anonymous: { kind: "anonymous" },
  reporter: { ...base, kind: "reporter", userId: "owner" },
  otherReporter: { ...base, kind: "reporter", userId: "someone-else" },
  vendorOwner: { ...base, kind: "vendor", userId: "owner", organisationId: "o", organisationName: "Org", orgAdmin: false },
  vendorOther: { ...base, kind: "vendor", userId: "v2", organisationId: "o", organisationName: "Org", orgAdmin: true },
  maintainerOwner: { ...base, kind: "maintainer", userId: "owner", secondFactor: true, totpEnrolled: true },
  maintainerOther: { ...base, kind: "maintainer", userId: "m2", secondFactor: true, totpEnrolled: true },
};
const STATUSES: ReportStatus[] = ["UNCONFIRMED", "RECEIVED", "ACKNOWLEDGED", "ACCEPTED", "DECLINED", "DUPLICATE", "FIXED", "DISCLOSED"];
const OWNERS = new Set(["reporter", "vendorOwner", "maintainerOwner"]);

describe("a report's sender, and nobody else, reads it and writes to the team (every confirmed status)", () => {
  for (const [role, viewer] of Object.entries(VIEWERS)) {
    for (const status of STATUSES) {
      const expected = OWNERS.has(role) && status !== "UNCONFIRMED";
      it(`${role} × ${status} → ${expected ? "yes" : "no"}`, () => {
        const report = { reporterId: "owner", status };
        expect(mayReadOwnReport(viewer, report, true)).toBe(expected);
        expect(mayPostReporterMessage(viewer, report, true)).toBe(expected);
        // Someone who may not enter the area now (a second factor owed) reaches nothing, own report or not.
        expect(mayReadOwnReport(viewer, report, false)).toBe(false);
        expect(mayPostReporterMessage(viewer, report, false)).toBe(false);
      });
    }
  }
});

describe("the credit is the sender's to change until the advisory is public", () => {
  const NOTICES: Array<NoticeState | null> = [null, "DRAFT", "EMBARGOED", "DISCLOSED", "WITHDRAWN"];
  for (const [role, viewer] of Object.entries(VIEWERS)) {
    for (const status of STATUSES) {
      for (const state of NOTICES) {
        const open = status !== "UNCONFIRMED" && status !== "DISCLOSED" && (state === null || state === "DRAFT" || state === "EMBARGOED");
        const expected = OWNERS.has(role) && open;
        it(`${role} × ${status} × notice ${state ?? "none"} → ${expected ? "yes" : "no"}`, () => {
          expect(mayChangeOwnCredit(viewer, { reporterId: "owner", status }, state ? { state } : null, true)).toBe(expected);
          expect(mayChangeOwnCredit(viewer, { reporterId: "owner", status }, state ? { state } : null, false)).toBe(false);
        });
      }
    }
  }
});

describe("what a reporter learns of the linked notice", () => {
  const at = new Date("2026-12-10T14:00:00Z");
  const notice = (state: NoticeState) => ({ id: "n1", state, disclosureAt: at, reference: "FW-2026-0007" });
  it("a draft: its state only (its date is no plan yet)", () => {
    expect(reporterNoticeView(notice("DRAFT"))).toEqual({ state: "DRAFT", disclosureAt: null, reference: null, publicPath: null });
  });
  it("under embargo: the planned date, no reference or link", () => {
    expect(reporterNoticeView(notice("EMBARGOED"))).toEqual({ state: "EMBARGOED", disclosureAt: at, reference: null, publicPath: null });
  });
  it("disclosed: the date, the reference and the public page", () => {
    expect(reporterNoticeView(notice("DISCLOSED"))).toEqual({ state: "DISCLOSED", disclosureAt: at, reference: "FW-2026-0007", publicPath: "/advisories/n1" });
  });
  it("withdrawn: its state only", () => {
    expect(reporterNoticeView(notice("WITHDRAWN"))).toEqual({ state: "WITHDRAWN", disclosureAt: null, reference: null, publicPath: null });
  });
  it("no notice: nothing", () => expect(reporterNoticeView(null)).toBeNull());
  it("maintainers sign as the team, never by name", () => {
    expect(reporterThreadAuthor(true)).toBe("Security team");
    expect(reporterThreadAuthor(false)).toBe("You");
  });
});
