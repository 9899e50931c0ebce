import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "./errors";
import { fieldWithNul, parseForm } from "./action";

describe("parseForm refuses a NUL anywhere in what it parsed (PostgreSQL cannot store one)", () => {
  const schema = z.object({
    title: z.string(),
    ranges: z.string().transform((value) => JSON.parse(value) as unknown),
    tags: z.array(z.string()).default([]),
  });

  it("names the field, for a NUL typed in, and for one written as \\u0000 inside a JSON field", () => {
    const refused = (form: Record<string, unknown>) => {
      try {
        parseForm(schema, form);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).fieldErrors;
      }
      throw new Error("accepted");
    };
    expect(Object.keys(refused({ title: "a\u0000b", ranges: "[]" }))).toEqual(["title"]);
    expect(Object.keys(refused({ title: "ok", ranges: '[{"name":"re\\u0000po"}]' }))).toEqual(["ranges"]);
    expect(Object.keys(refused({ title: "ok", ranges: '{"na\\u0000me":1}' }))).toEqual(["ranges"]);
    expect(Object.keys(refused({ title: "ok", ranges: "[]", tags: ["x", "y\u0000"] }))).toEqual(["tags"]);
    expect(refused({ title: "\u0000", ranges: "[]" }).title?.[0]).toContain("NUL character (U+0000)");
  });

  it("passes everything else through, files and bytes included", () => {
    expect(parseForm(schema, { title: "a\u0001b é 😀", ranges: '[{"name":"repo"}]' })).toEqual({ title: "a\u0001b é 😀", ranges: [{ name: "repo" }], tags: [] });
    expect(fieldWithNul({ file: new Uint8Array([0, 0, 0]), when: new Date(0), text: "fine" })).toBeNull();
    expect(fieldWithNul("\u0000")).toBe("form");
  });
});
