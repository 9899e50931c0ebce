import { describe, expect, it } from "vitest";
import { DirectoryFilterSchema } from "@/lib/directory/schemas";
import { AuditFilterSchema } from "@/lib/audit/schemas";
import { TrackingFilterSchema } from "./schemas";

describe("filters drop NULs (PostgreSQL takes none in a text value)", () => {
  it("every free-text filter of a page's query string", () => {
    expect(DirectoryFilterSchema.parse({ q: "a\u0000b" }).q).toBe("ab");
    expect(AuditFilterSchema.parse({ actor: "\u0000x", target: "y\u0000" })).toMatchObject({ actor: "x", target: "y" });
    expect(TrackingFilterSchema.parse({ q: "\u0000" }).q).toBeUndefined();
    expect(TrackingFilterSchema.parse({ q: "a\u0000" }).q).toBe("a");
  });
});
