import { describe, expect, it } from "vitest";
import { checkUpload, cleanFilename, contentDisposition, MAX_ATTACHMENT_BYTES } from "./uploads";

const text = (s: string) => new TextEncoder().encode(s);

describe("attachments", () => {
  it("accepts patches, signatures, archives and PDFs whose content matches", () => {
    expect(checkUpload("fix-parser.patch", text("diff --git a/x b/x\n"))).toEqual({ ok: true, filename: "fix-parser.patch", contentType: "text/plain; charset=utf-8" });
    expect(checkUpload("advisory.pdf", text("%PDF-1.7\n…"))).toMatchObject({ ok: true, contentType: "application/pdf" });
    expect(checkUpload("src.tar.gz", new Uint8Array([0x1f, 0x8b, 8, 0]))).toMatchObject({ ok: true, contentType: "application/gzip" });
  });
  it.each([
    ["HTML disguised as PDF", "advisory.pdf", text("<!DOCTYPE html><script>alert(1)</script>")],
    ["HTML disguised as a patch", "fix.patch", text("<html><body onload=alert(1)>")],
    ["SVG disguised as text", "notes.txt", text('<svg onload="alert(1)"/>')],
    ["binary disguised as text", "fix.patch", new Uint8Array([0x41, 0, 0x42])],
    ["an executable", "tool.exe", new Uint8Array([0x4d, 0x5a])],
    ["an HTML file", "page.html", text("<p>hi</p>")],
    ["no extension", "README", text("hello")],
    ["empty", "fix.patch", new Uint8Array()],
  ])("refuses %s", (_, name, bytes) => expect(checkUpload(name, bytes).ok).toBe(false));
  it("refuses oversize files", () => {
    expect(checkUpload("big.txt", new Uint8Array(MAX_ATTACHMENT_BYTES + 1).fill(0x41))).toEqual({ ok: false, reason: "The file is larger than 10 MB." });
  });
  it("keeps only a bare, printable name (no path traversal)", () => {
    expect(cleanFilename("../../etc/passwd.txt")).toBe("passwd.txt");
    expect(cleanFilename("..\\..\\windows\\evil.patch")).toBe("evil.patch");
    expect(cleanFilename("ok\u0000name\r\n.patch")).toBe("okname.patch");
    expect(cleanFilename("...hidden.txt")).toBe("hidden.txt");
    expect(checkUpload("../../../x.patch", text("diff"))).toMatchObject({ ok: true, filename: "x.patch" });
  });
  it("offers downloads as attachments with a safe name", () => {
    expect(contentDisposition('fix "1".patch')).toBe(`attachment; filename="fix _1_.patch"; filename*=UTF-8''fix%20%221%22.patch`);
    expect(contentDisposition("correctif-é.patch")).toContain("filename*=UTF-8''correctif-%C3%A9.patch");
  });
});
