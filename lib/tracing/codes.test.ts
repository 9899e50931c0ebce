import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyCode, copyCoder } from "./codes";

describe("copyCode", () => {
  const saved = process.env.NEXTAUTH_SECRET;
  beforeEach(() => {
    process.env.NEXTAUTH_SECRET = "test-secret-for-copy-codes";
  });
  afterEach(() => {
    process.env.NEXTAUTH_SECRET = saved;
  });

  const page = { form: "page" as const, noticeId: "n1", organisationId: "o1" };

  it("is 16 lowercase hex characters, the same for the same copy", () => {
    expect(copyCode(page)).toMatch(/^[0-9a-f]{16}$/);
    expect(copyCode({ ...page })).toBe(copyCode(page));
    expect(copyCoder()(page)).toBe(copyCode(page));
  });

  it("differs per form, notice, organisation, and for downloads per member and file", () => {
    const download = { form: "download" as const, noticeId: "n1", organisationId: "o1", userId: "u1", attachmentId: "a1" };
    const codes = [
      copyCode(page),
      copyCode({ ...page, form: "email" }),
      copyCode({ ...page, noticeId: "n2" }),
      copyCode({ ...page, organisationId: "o2" }),
      copyCode(download),
      copyCode({ ...download, userId: "u2" }),
      copyCode({ ...download, attachmentId: "a2" }),
    ];
    expect(new Set(codes).size).toBe(codes.length);
    // Member fields mean nothing outside downloads: a page is the organisation's.
    expect(copyCode({ ...page, userId: "u1" })).toBe(copyCode(page));
  });

  it("depends on the instance secret", () => {
    const before = copyCode(page);
    process.env.NEXTAUTH_SECRET = "another-secret";
    expect(copyCode(page)).not.toBe(before);
  });
});

describe("the code is HMAC-SHA256 of the canonical identity under the HKDF-derived key", () => {
  it("matches node's createHmac", async () => {
    const { createHmac, hkdfSync } = await import("node:crypto");
    process.env.NEXTAUTH_SECRET = "reference-secret";
    const key = Buffer.from(hkdfSync("sha256", "reference-secret", "forewarn", "forewarn/copy-marks/v1", 32));
    const expected = createHmac("sha256", key).update(JSON.stringify(["v1", "download", "n", "o", "u", "a"])).digest("hex").slice(0, 16);
    expect(copyCode({ form: "download", noticeId: "n", organisationId: "o", userId: "u", attachmentId: "a" })).toBe(expected);
  });
});
