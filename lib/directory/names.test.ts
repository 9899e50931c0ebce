import { describe, expect, it } from "vitest";
import { lookalikesOf, looksAlike, nameKeys, namesMentioned } from "./names";

describe("looksAlike: organisation names a person could take for one another", () => {
  it.each([
    ["Cyrillic capital Ve for B", "\u0412luefin OS", "Bluefin OS"],
    ["Cyrillic small o and e", "Blu\u0435fin \u041eS", "Bluefin OS"],
    ["Greek capital Omicron for O", "Bluefin \u039fS", "Bluefin OS"],
    ["all lower case", "bluefin os", "Bluefin OS"],
    ["all capitals", "BLUEFIN OS", "Bluefin OS"],
    ["a hyphen for the space", "Bluefin-OS", "Bluefin OS"],
    ["no space", "BluefinOS", "Bluefin OS"],
    ["a space inside a word", "Blue fin OS", "Bluefin OS"],
    ["dots and extra spaces", "  Bluefin .  O.S. ", "Bluefin OS"],
    ["fullwidth letters (NFKC)", "\uff22\uff4c\uff55\uff45\uff46\uff49\uff4e \uff2f\uff33", "Bluefin OS"],
    ["a capital I for the small l", "BIuefin OS", "Bluefin OS"],
    ["the digit 0 for the letter O", "Bluefin 0S", "Bluefin OS"],
    ["rn for m", "Bluefin Systerns", "Bluefin Systems"],
    ["a look-alike that exists only in lower case (Cyrillic shha for h)", "Bluefis\u04bb OS", "Bluefish OS"],
    ["a combining sequence for a precomposed letter (NFD)", "Bluefi\u0301n OS", "Bluef\u00edn OS"],
  ])("%s: %s ~ %s", (_, candidate, existing) => {
    expect(looksAlike(candidate, existing)).toBe(true);
    expect(looksAlike(existing, candidate)).toBe(true);
  });

  it("LINUX and Linux compare equal, as do capitals written with look-alikes", () => {
    expect(looksAlike("LINUX Foundation", "Linux Foundation")).toBe(true);
    expect(looksAlike("\u0412LUEFIN", "bluefin")).toBe(true);
  });

  it.each([
    ["Bluefin OS", "Bluefin"],
    ["Bluefin OS", "Bluefish OS"],
    ["Acme", "Acme Labs"],
    ["Bluefín OS", "Bluefin OS"],
    ["Red Hat", "Red Hot"],
  ])("%s and %s are different names", (a, b) => {
    expect(looksAlike(a, b)).toBe(false);
  });

  it("a name without any letter or digit has no key and matches nothing", () => {
    expect(nameKeys("--- ...")).toEqual([]);
    expect(looksAlike("---", "...")).toBe(false);
  });

  it("lookalikesOf returns the look-alikes themselves, in order", () => {
    const orgs = [{ id: "1", name: "Bluefin OS" }, { id: "2", name: "Acme" }, { id: "3", name: "bluefin-os" }];
    expect(lookalikesOf("BLUEFIN OS", orgs).map((o) => o.id)).toEqual(["1", "3"]);
  });
});

describe("namesMentioned: a recipient named in a text, however spelled", () => {
  const names = ["Bluefin OS", "Acme", "X"];
  it.each([
    "We told Bluefin OS yesterday.",
    "we told bluefin os yesterday",
    "We told BLUEFIN OS yesterday.",
    "We told Bluefin-OS yesterday.",
    "We told BluefinOS yesterday.",
    "We told Blue fin OS yesterday.",
    "We told \u0412luefin \u039fS yesterday.",
    "We told \uff22\uff4c\uff55\uff45\uff46\uff49\uff4e OS yesterday.",
    "(Bluefin OS)",
    // Invisible code points that a regex counts as letters or marks: variation selector, combining grapheme joiner,
    // Hangul filler.
    "We told Bluefin\ufe0f OS yesterday.",
    "We told Blue\u034ffin OS yesterday.",
    "We told Blue\u3164fin OS yesterday.",
  ])("finds Bluefin OS in %j", (text) => {
    expect(namesMentioned(text, names)).toEqual(["Bluefin OS"]);
  });

  it.each([
    "A Bluefin is a fish; the OS ships next week.",
    "Bluefinish OS",
    "The Acmes and Packmen are fine; acmeish too.",
    "X marks the spot",
  ])("finds nothing in %j", (text) => {
    expect(namesMentioned(text, names)).toEqual([]);
  });

  it("finds whole names next to punctuation, in any case, and leaves words that only contain a name alone", () => {
    const others = ["Acme", "Red Hat", "C++ Builders", "Canonical"];
    expect(namesMentioned("Thanks to Red Hat, and to Acme.", others)).toEqual(["Acme", "Red Hat"]);
    expect(namesMentioned("(C++ Builders) asked", others)).toEqual(["C++ Builders"]);
    expect(namesMentioned("Canonical's fix", others)).toEqual(["Canonical"]);
    expect(namesMentioned("the canonical fix, red hat", others)).toEqual(["Red Hat", "Canonical"]);
    expect(namesMentioned("Acmes and AcmeCorp, redhats, Canonicalise", others)).toEqual([]);
  });

  it("finds a name written without its accents, or with accents it does not have", () => {
    expect(namesMentioned("We told Societe Generale.", ["Société Générale"])).toEqual(["Société Générale"]);
    expect(namesMentioned("We told Blüefin OS.", ["Bluefin OS"])).toEqual(["Bluefin OS"]);
  });

  it("finds several, in the order of the names", () => {
    expect(namesMentioned("ACME and bluefin-os both", names)).toEqual(["Bluefin OS", "Acme"]);
  });
});
