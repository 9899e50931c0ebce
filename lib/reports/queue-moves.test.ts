// What the queue offers and refuses: the status moves maintainers make, the draft a report prefills, and the strict
// inputs of the hand-entered report and the duplicate.
import { describe, expect, it } from "vitest";
import { mayMoveReport } from "./policy";
import { draftFromReport } from "./queue-accept-actions";
import { DuplicateReportSchema, HandReportSchema, QueueFilterSchema } from "./queue-schemas";

describe("the moves a maintainer makes", () => {
  it.each([
    ["RECEIVED", "ACKNOWLEDGED", true],
    ["RECEIVED", "ACCEPTED", true],
    ["RECEIVED", "DECLINED", true],
    ["RECEIVED", "DUPLICATE", true],
    ["RECEIVED", "FIXED", false],
    ["ACKNOWLEDGED", "ACKNOWLEDGED", false],
    ["ACKNOWLEDGED", "ACCEPTED", true],
    ["ACCEPTED", "ACCEPTED", false],
    ["ACCEPTED", "FIXED", true],
    ["DECLINED", "ACCEPTED", false],
    ["UNCONFIRMED", "ACKNOWLEDGED", false],
    ["DISCLOSED", "FIXED", false],
  ] as const)("%s → %s: %s", (from, to, allowed) => {
    expect(mayMoveReport(from, to)).toBe(allowed);
  });
});

describe("the draft prefilled from a report", () => {
  const report = { id: "r1", reference: "R-2026-0007", summary: "Heap overflow\nin the  parser", details: "## Steps\n\nSend it.", encrypted: false, affectedVersions: "< 2.0", creditKind: "HANDLE" as const, creditText: "@rita" };
  const at = new Date("2026-12-10T14:00:00Z");

  it("takes summary (one line) as title and summary, details as description, versions and credit", () => {
    expect(draftFromReport(report, at)).toEqual({
      title: "Heap overflow in the parser",
      summary: "Heap overflow in the parser",
      description: "## Steps\n\nSend it.",
      affectedVersions: "< 2.0",
      reporterCredit: "@rita",
      reporterOptOut: false,
      disclosureAt: "2026-12-10T14:00:00.000Z",
    });
  });

  it("never copies encrypted text; an opted-out reporter is not credited; long summaries are clipped to the title's limit", () => {
    const draft = draftFromReport({ ...report, encrypted: true, details: "-----BEGIN PGP MESSAGE-----", creditKind: "NONE", creditText: null, summary: "x".repeat(500) }, at);
    expect(draft.description).not.toContain("PGP");
    expect(draft.description).toContain("R-2026-0007");
    expect(draft.reporterCredit).toBeUndefined();
    expect(draft.reporterOptOut).toBe(true);
    expect(draft.title).toHaveLength(200);
  });
});

describe("inputs", () => {
  const base = { reporterName: "Eve", email: "Eve@Example.org", summary: "XSS in admin", details: "Found it.", creditKind: "NAME" };

  it("normalises the address and credits the name by default", () => {
    expect(HandReportSchema.parse(base)).toMatchObject({ email: "eve@example.org", creditText: "Eve", affectedVersions: "", reproduction: "" });
    expect(HandReportSchema.parse({ ...base, creditKind: "NONE", creditText: "ignored" }).creditText).toBeNull();
  });

  it.each([
    [{ email: "eve@" }, "email"],
    [{ email: "a@b.example, c@d.example" }, "email"],
    [{ summary: "x" }, "summary"],
    [{ summary: "two\nlines" }, "summary"],
    [{ creditKind: "HANDLE" }, "creditText"],
    [{ creditKind: "EVERYONE" }, "creditKind"],
    [{ extra: "field" }, ""],
  ])("refuses %j", (change, field) => {
    const parsed = HandReportSchema.safeParse({ ...base, ...change });
    expect(parsed.success).toBe(false);
    if (field) expect(parsed.error!.issues.map((i) => i.path.join("."))).toContain(field);
  });

  it("takes a duplicate's original by reference, in any case", () => {
    expect(DuplicateReportSchema.parse({ reportId: "r", original: " r-2026-0003 ", reason: "Known." }).original).toBe("R-2026-0003");
    expect(DuplicateReportSchema.safeParse({ reportId: "r", original: "FW-2026-0003", reason: "Known." }).success).toBe(false);
  });

  it("reads an unknown queue filter as the open reports", () => {
    expect(QueueFilterSchema.parse({ status: "nonsense" }).status).toBe("open");
    expect(QueueFilterSchema.parse({}).status).toBe("open");
    expect(QueueFilterSchema.parse({ status: "overdue" }).status).toBe("overdue");
  });
});
