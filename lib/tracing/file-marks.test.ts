// File marks checked with the real tools: every marked patch applies with `git apply` and `patch -p1` exactly like
// the original (same exit status, same resulting files), gzip and ZIP archives test and extract identically.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFileMarks, markFile } from "./file-marks";
import { stripMarks } from "./text-marks";

const CODE = "0123456789abcdef";
const OTHER = "fedcba9876543210";
let root: string;
const patches = new Map<string, Buffer>();

const run = (cwd: string, cmd: string, args: string[], input?: Buffer) => spawnSync(cmd, args, { cwd, input, env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: root } });
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=Dev", "-c", "user.email=dev@example.org", "-c", "core.autocrlf=false", ...args], { cwd, env: { ...process.env, HOME: root } });

function tree(dir: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name === ".git") continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(out, tree(full, `${prefix}${name}/`));
    else out[prefix + name] = readFileSync(full).toString("base64");
  }
  return out;
}

/** Applies a patch to a fresh copy of the base tree with one tool: its exit status and the files it leaves. */
function apply(tool: "git" | "patch", patch: Buffer): { status: number | null; files: Record<string, string> } {
  const dir = mkdtempSync(path.join(root, "apply-"));
  cpSync(path.join(root, "base"), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.git`) });
  const check = tool === "git" ? run(dir, "git", ["apply", "--check", "-"], patch) : run(dir, "patch", ["-p1", "--dry-run", "-s"], patch);
  const applied = tool === "git" ? run(dir, "git", ["apply", "-"], patch) : run(dir, "patch", ["-p1", "-s", "--no-backup-if-mismatch"], patch);
  const result = { status: check.status === 0 && applied.status === 0 ? 0 : check.status || applied.status, files: tree(dir) };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "forewarn-marks-"));
  const repo = path.join(root, "repo");
  mkdirSync(path.join(repo, "src"), { recursive: true });
  writeFileSync(path.join(repo, "src/parse.c"), "int parse(const char *p) {\n  return p[0];\n}\n");
  writeFileSync(path.join(repo, "README"), "Example library.\n");
  writeFileSync(path.join(repo, "dos.txt"), "line one\r\nline two\r\n");
  writeFileSync(path.join(repo, "tail.txt"), "no newline at the end");
  writeFileSync(path.join(repo, "logo.bin"), Buffer.from([0, 1, 2, 3, 255, 254]));
  git(repo, "init", "-q");
  git(repo, "add", ".");
  git(repo, "commit", "-qm", "base");
  cpSync(repo, path.join(root, "base"), { recursive: true });
  writeFileSync(path.join(repo, "src/parse.c"), "int parse(const char *p) {\n  if (!p) return -1;\n  return p[0];\n}\n");
  writeFileSync(path.join(repo, "README"), "Example library, now safer.\n");
  writeFileSync(path.join(repo, "dos.txt"), "line one\r\nline 2\r\n");
  writeFileSync(path.join(repo, "tail.txt"), "still no newline at the end");
  writeFileSync(path.join(repo, "logo.bin"), Buffer.from([9, 1, 2, 3, 255, 254, 7]));
  patches.set("bare git diff, several files", git(repo, "diff", "--", "src/parse.c", "README"));
  patches.set("CRLF lines", git(repo, "diff", "--", "dos.txt"));
  patches.set("no newline at end of file", git(repo, "diff", "--", "tail.txt"));
  patches.set("binary git patch", git(repo, "diff", "--binary", "--", "logo.bin"));
  patches.set("diff -u", run(root, "diff", ["-u", "base/src/parse.c", "repo/src/parse.c"]).stdout);
  git(repo, "add", "src/parse.c");
  git(repo, "commit", "-qm", "parse: refuse a null pointer\n\nThe parser read the first byte of a buffer it was never given, so a caller that passed nothing crashed the whole service. Check first.");
  patches.set("format-patch with a message", git(repo, "format-patch", "-1", "--stdout"));
  git(repo, "add", "README");
  git(repo, "commit", "-qm", "readme: say so");
  patches.set("format-patch, subject only", git(repo, "format-patch", "-1", "--stdout"));
  const crlfPatch = Buffer.from(git(repo, "diff", "HEAD~2", "--", "src/parse.c").toString().replace(/\n/g, "\r\n"));
  patches.set("whole patch with CRLF line endings", crlfPatch);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("marked patches", () => {
  it("were made by the real tools", () => {
    expect(patches.size).toBe(8);
    for (const [, bytes] of patches) expect(bytes.length).toBeGreaterThan(20);
  });

  it.each([
    "bare git diff, several files",
    "CRLF lines",
    "no newline at end of file",
    "binary git patch",
    "diff -u",
    "format-patch with a message",
    "format-patch, subject only",
    "whole patch with CRLF line endings",
  ])("%s: carries the mark, changes no diff line, and applies like the original with git apply and patch -p1", (shape) => {
    const original = patches.get(shape)!;
    const { bytes, marked } = markFile({ filename: "fix.patch", contentType: "text/plain; charset=utf-8", bytes: original }, CODE);
    expect(marked).toBe(true);
    expect(findFileMarks(bytes)).toEqual([{ code: CODE, count: expect.any(Number) }]);
    const text = Buffer.from(bytes).toString("utf8");
    // Every line of the original is still there, in order, unchanged (the mark adds at most one line of prose).
    const originalLines = original.toString("utf8").split("\n");
    const markedLines = stripMarks(text).split("\n");
    const firstDiff = originalLines.findIndex((l) => /^(diff |--- )/.test(l));
    expect(markedLines.slice(-(originalLines.length - firstDiff))).toEqual(originalLines.slice(firstDiff));
    const gitOriginal = apply("git", original);
    const patchOriginal = apply("patch", original);
    // Each shape applies with at least one tool (git refuses binary patches to patch, and CRLF patches to LF files).
    expect(gitOriginal.status === 0 || patchOriginal.status === 0).toBe(true);
    expect(apply("git", Buffer.from(bytes))).toEqual(gitOriginal);
    expect(apply("patch", Buffer.from(bytes))).toEqual(patchOriginal);
    if (shape !== "binary git patch") expect(patchOriginal.status).toBe(0);
    if (shape !== "whole patch with CRLF line endings") expect(gitOriginal.status).toBe(0);
    // Marking again (for the same copy) gives the same bytes; for another copy, only the new mark.
    expect(Buffer.from(markFile({ filename: "fix.patch", contentType: "text/plain; charset=utf-8", bytes }, CODE).bytes)).toEqual(Buffer.from(bytes));
    expect(findFileMarks(markFile({ filename: "fix.patch", contentType: "text/plain; charset=utf-8", bytes }, OTHER).bytes).map((m) => m.code)).toEqual([OTHER]);
  });

  it("keeps a format-patch mail usable by git am", () => {
    const original = patches.get("format-patch with a message")!;
    const { bytes } = markFile({ filename: "0001-fix.patch", contentType: "text/plain; charset=utf-8", bytes: original }, CODE);
    const dir = mkdtempSync(path.join(root, "am-"));
    cpSync(path.join(root, "base"), dir, { recursive: true });
    expect(run(dir, "git", ["-c", "user.name=Dev", "-c", "user.email=dev@example.org", "am", "-q"], Buffer.from(bytes)).status).toBe(0);
    expect(readFileSync(path.join(dir, "src/parse.c"), "utf8")).toContain("if (!p) return -1;");
  });
});

describe("other files", () => {
  it("gzip: the header comment carries the mark; gzip -t passes and the content is identical", () => {
    const dir = mkdtempSync(path.join(root, "gz-"));
    writeFileSync(path.join(dir, "notes.txt"), "payload ".repeat(1000));
    execFileSync("tar", ["czf", "fix.tar.gz", "notes.txt"], { cwd: dir });
    execFileSync("gzip", ["-k", "notes.txt"], { cwd: dir });
    for (const name of ["fix.tar.gz", "notes.txt.gz"]) {
      const original = readFileSync(path.join(dir, name));
      const { bytes, marked } = markFile({ filename: name, contentType: "application/gzip", bytes: original }, CODE);
      expect(marked).toBe(true);
      expect(findFileMarks(bytes)).toEqual([{ code: CODE, count: 1 }]);
      writeFileSync(path.join(dir, `marked-${name}`), bytes);
      expect(run(dir, "gzip", ["-t", `marked-${name}`]).status).toBe(0);
      expect(run(dir, "gzip", ["-dc", `marked-${name}`]).stdout).toEqual(run(dir, "gzip", ["-dc", name]).stdout);
      const again = markFile({ filename: name, contentType: "application/gzip", bytes }, OTHER).bytes;
      expect(findFileMarks(again)).toEqual([{ code: OTHER, count: 1 }]);
      expect(again.length).toBe(bytes.length);
    }
  });

  it("zip: the archive comment carries the mark; unzip -t passes and the content is identical", () => {
    const dir = mkdtempSync(path.join(root, "zip-"));
    writeFileSync(path.join(dir, "a.txt"), "alpha\n");
    writeFileSync(path.join(dir, "b.bin"), Buffer.from([1, 2, 3]));
    execFileSync("zip", ["-q", "fix.zip", "a.txt", "b.bin"], { cwd: dir });
    const original = readFileSync(path.join(dir, "fix.zip"));
    const { bytes, marked } = markFile({ filename: "fix.zip", contentType: "application/zip", bytes: original }, CODE);
    expect(marked).toBe(true);
    expect(findFileMarks(bytes)).toEqual([{ code: CODE, count: 1 }]);
    writeFileSync(path.join(dir, "marked.zip"), bytes);
    expect(run(dir, "unzip", ["-tq", "marked.zip"]).status).toBe(0);
    for (const entry of ["a.txt", "b.bin"]) expect(run(dir, "unzip", ["-p", "marked.zip", entry]).stdout).toEqual(run(dir, "unzip", ["-p", "fix.zip", entry]).stdout);
    expect(findFileMarks(markFile({ filename: "fix.zip", contentType: "application/zip", bytes }, OTHER).bytes)).toEqual([{ code: OTHER, count: 1 }]);
  });

  it("text and Markdown files carry marks in their prose", () => {
    const text = "The parser in libexample reads the length field before it checks the buffer.\n\n```\nmake check\n```\n";
    const { bytes, marked } = markFile({ filename: "NOTES.md", contentType: "text/plain; charset=utf-8", bytes: Buffer.from(text) }, CODE);
    expect(marked).toBe(true);
    expect(stripMarks(Buffer.from(bytes).toString("utf8"))).toBe(text);
  });

  it.each([
    ["fix.patch.asc", "text/plain; charset=utf-8", "-----BEGIN PGP SIGNATURE-----\n\nabc\n-----END PGP SIGNATURE-----\n"],
    ["fix.patch.sig", "application/pgp-signature", "\u0089binary"],
    ["advisory.json", "application/json", '{"text": "The parser in libexample reads the length field before it checks"}'],
    ["report.pdf", "application/pdf", "%PDF-1.7\n%%EOF\n"],
    ["signed.txt", "text/plain; charset=utf-8", "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nThe parser in libexample reads the length field before it checks.\n"],
    ["broken.gz", "application/gzip", "\u001f\u008bnot really"],
  ])("%s is served unmarked", (filename, contentType, content) => {
    const bytes = Buffer.from(content, "latin1");
    const served = markFile({ filename, contentType, bytes }, CODE);
    expect(served.marked).toBe(false);
    expect(Buffer.from(served.bytes)).toEqual(bytes);
  });
});
