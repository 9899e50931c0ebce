import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { checkWebAddress, webAddress, webAddressMessage } from "./web-address";

// The check the CVE record, OSV and CSAF schemas make of a link ("format": "uri"), by the validator the tests use.
const ajv = new Ajv({ strict: false });
addFormats(ajv);
const isUri = ajv.compile({ type: "string", format: "uri" });

describe("checkWebAddress", () => {
  it("keeps ordinary addresses as typed, and writes others in their normal form", () => {
    for (const url of ["https://github.com/org/repo/commit/0123abc", "https://example.org", "https://example.org/", "http://archive.example/a?b=c&d=e#f", "https://[2001:db8::1]:8443/x", "https://example.org/a(b)/~c;d=e"]) {
      expect(webAddress(url)).toBe(url);
    }
    expect(webAddress("HTTPS://Example.ORG/Path")).toBe("https://example.org/Path");
    expect(webAddress("https://bücher.example/ü")).toBe("https://xn--bcher-kva.example/%C3%BC");
    expect(webAddress('https://x.example/"><script>alert(1)</script>')).toBe("https://x.example/%22%3E%3Cscript%3Ealert(1)%3C/script%3E");
    expect(webAddress("https://x.example/a b")).toBeNull(); // a space: two words, not one address
  });

  it("refuses what is not an http(s) address, names the reason, and takes only https when asked", () => {
    const problem = (value: string, httpsOnly = false) => {
      const checked = checkWebAddress(value, { httpsOnly });
      return checked.ok ? checked.url : checked.problem;
    };
    expect(problem("http://example.org/", true)).toBe("scheme");
    expect(problem("ftp://example.org/")).toBe("scheme");
    expect(problem("javascript://example.org/%0Aalert(1)")).toBe("scheme");
    expect(problem("https:example.org")).toBe("not-an-address");
    expect(problem("example.org/x")).toBe("not-an-address");
    expect(problem("https://[::1")).toBe("not-an-address");
    expect(problem("https:///")).toBe("not-an-address");
    expect(problem("https://x.example\\evil.example")).toBe("not-an-address");
    expect(problem("https://x.example/a|b")).toBe("not-an-address");
    expect(problem("https://x.example/a%zz")).toBe("not-an-address");
    expect(problem("https://x.example/a[1]")).toBe("not-an-address");
    expect(problem("https://user:pass@host.example/x")).toBe("credentials");
    expect(problem("https://user@host.example/x")).toBe("credentials");
    for (const unseen of ["\u202e", "\u200b", "\u180e", "\u0000", "\u0001", "\u007f", "\u2028", "\u00a0", "\ufeff", "\u2066"]) {
      expect(problem(`https://a${unseen}gnp.example/x`), JSON.stringify(unseen)).toBe("unseen-character");
      expect(problem(`https://example.org/a${unseen}b`), JSON.stringify(unseen)).toBe("unseen-character");
    }
  });

  it("whatever it accepts is a URI by the schemas' own check (a fuzz over odd characters in every part)", () => {
    const pieces = ["", "a", "/", "//", "?", "#", "%", "%2", "%41", "[", "]", "@", ":", "|", "^", "`", "{", "}", '"', "'", "<", ">", "\\", " ", "ü", "é", "\u202e", "\u0000", "\t", "..", "~", "+", "=", "&", ";", ",", "!", "$", "*", "(", ")", "xn--", "💥", "\ud800"];
    let seed = 15;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = () => pieces[Math.floor(random() * pieces.length)]!;
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const host = random() < 0.8 ? "example.org" : `${pick()}ex${pick()}ample.org${random() < 0.3 ? `:${Math.floor(random() * 70_000)}` : ""}`;
      const value = `${random() < 0.5 ? "https" : "http"}://${host}/${pick()}${pick()}p${pick()}?${pick()}q${pick()}#${pick()}${pick()}`;
      const url = webAddress(value);
      if (url === null) continue;
      accepted += 1;
      expect(isUri(url), `${JSON.stringify(value)} → ${url}`).toBe(true);
      expect(webAddress(url), "normal form is stable").toBe(url);
    }
    expect(accepted).toBeGreaterThan(1_000);
  });
});

describe("checkWebAddress, the edges", () => {
  it("keeps the normal form stable for bare origins with an empty query or fragment", () => {
    for (const value of ["https://example.org", "https://example.org/", "https://example.org?#", "https://example.org#", "https://example.org?"]) {
      const url = webAddress(value)!;
      expect(webAddress(url), value).toBe(url);
    }
    expect(webAddress("https://example.org#")).toBe("https://example.org/#");
  });

  it("refuses an address longer than the records allow (2,048 characters, written as a URI)", () => {
    expect(checkWebAddress(`https://example.org/${"a".repeat(2_028)}`)).toMatchObject({ ok: true });
    expect(checkWebAddress(`https://example.org/${"a".repeat(2_029)}`)).toEqual({ ok: false, problem: "too-long" });
    // 700 characters typed, 4,200 once percent-encoded.
    expect(checkWebAddress(`https://example.org/${"ü".repeat(700)}`)).toEqual({ ok: false, problem: "too-long" });
  });

  it("names what it refuses", () => {
    const message = (value: string) => {
      const checked = checkWebAddress(value);
      return checked.ok ? "" : webAddressMessage(checked.problem, value);
    };
    expect(message("https://a.example/\u00a0x")).toContain("U+00A0, a space character");
    expect(message("https://a.example/\u3000x")).toContain("U+3000, a space character");
    expect(message("https://a.example/\ud800x")).toContain("U+D800, half of a character");
    expect(message("https://a.example/\u202ex")).toContain("U+202E RIGHT-TO-LEFT OVERRIDE");
    expect(message(`https://example.org/${"a".repeat(3_000)}`)).toContain("longer than the 2,048 characters");
  });
});
