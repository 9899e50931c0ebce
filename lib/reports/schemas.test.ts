import { describe, expect, it } from "vitest";
import { MAX_ATTACHMENT_BYTES } from "@/lib/server/uploads";
import { reportFormInput, ReportSubmissionSchema } from "./schemas";

const valid = { summary: "Heap overflow in the tar reader", details: "Long path names overflow a buffer.", reporterName: "Ada Reporter", email: " Ada@Example.ORG ", creditKind: "NAME" };

const issues = (input: Record<string, unknown>) => {
  const result = ReportSubmissionSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("the report form's schema", () => {
  it("accepts a plain report: address normalised, credit by name defaults to the name, not encrypted", () => {
    const parsed = ReportSubmissionSchema.parse(valid);
    expect(parsed).toMatchObject({ email: "ada@example.org", creditKind: "NAME", creditText: "Ada Reporter", encrypted: false, attachments: [], reproduction: "", affectedVersions: "" });
  });

  it("keeps the credit the reporter chose; none means no text", () => {
    expect(ReportSubmissionSchema.parse({ ...valid, creditKind: "HANDLE", creditText: "@ada" }).creditText).toBe("@ada");
    expect(ReportSubmissionSchema.parse({ ...valid, creditKind: "NONE", creditText: "ignored" }).creditText).toBeNull();
    expect(issues({ ...valid, creditKind: "ORGANISATION" })).toEqual({ creditText: "Give the organisation to credit." });
    expect(issues({ ...valid, creditKind: "EVERYONE" })).toHaveProperty("creditKind");
  });

  it.each([
    ["a display name", "Ada <ada@example.org>"],
    ["two addresses", "a@example.org,b@example.org"],
    ["no domain", "ada@localhost"],
    ["a homograph", "аda@example.org"],
    ["nothing", ""],
  ])("refuses a malformed address (%s) with a clear message", (_what, email) => {
    expect(issues({ ...valid, email }).email).toMatch(/not an email address we can write to/);
  });

  it("refuses oversized and missing fields, each with its own message", () => {
    expect(issues({ ...valid, summary: "x".repeat(201) }).summary).toMatch(/under 200 characters/);
    expect(issues({ ...valid, summary: "two\nlines" }).summary).toMatch(/one line/);
    expect(issues({ ...valid, details: "x".repeat(100_001) }).details).toMatch(/under 100,000 characters/);
    expect(issues({ ...valid, details: "   " }).details).toMatch(/Describe the vulnerability/);
    expect(issues({ ...valid, reporterName: "" }).reporterName).toMatch(/your name/);
  });

  it("is strict: an unknown field is refused, not ignored", () => {
    expect(issues({ ...valid, status: "ACKNOWLEDGED" })).toHaveProperty("");
  });

  it("limits the number and the total size of attachments", () => {
    const file = (size: number, name = "a.patch") => new File([new Uint8Array(size)], name);
    expect(issues({ ...valid, attachments: Array.from({ length: 6 }, () => file(1)) }).attachments).toMatch(/at most 5 files/);
    expect(issues({ ...valid, attachments: [file(MAX_ATTACHMENT_BYTES), file(1)] }).attachments).toMatch(/together are larger than 10 MB/);
    expect(ReportSubmissionSchema.parse({ ...valid, attachments: [file(10)] }).attachments).toHaveLength(1);
  });

  it("reads every attachment of the form (Object.fromEntries would keep only the last) and drops the empty picker", () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(valid)) form.set(k, v);
    form.append("attachments", new File(["a"], "a.patch"));
    form.append("attachments", new File(["b"], "b.patch"));
    form.set("$ACTION_ID_123", "");
    expect(ReportSubmissionSchema.parse(reportFormInput(form)).attachments.map((f) => f.name)).toEqual(["a.patch", "b.patch"]);
    const empty = new FormData();
    for (const [k, v] of Object.entries(valid)) empty.set(k, v);
    empty.append("attachments", new File([], ""));
    expect(reportFormInput(empty)).not.toHaveProperty("attachments");
  });
});
