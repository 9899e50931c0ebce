import { describe, expect, it } from "vitest";
import { checkCvss4, cvssScoreLabel, parseCvssVector, ratingOf, scoreCvss4 } from "./cvss";

const BASE4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
const BASE31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
const message = (raw: string) => {
  const r = parseCvssVector(raw);
  return r.ok ? "" : r.message;
};

describe("CVSS v4.0", () => {
  it("scores a complete base vector with the calculator", () => {
    expect(scoreCvss4(BASE4)).toEqual({ vector: BASE4, score: 9.3 });
    expect(scoreCvss4("CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N")?.score).toBeLessThan(4);
  });
  it("scores threat and environmental metrics too, writing the vector in the specification's order without X", () => {
    expect(checkCvss4(`${BASE4}/MAV:L/E:P/CR:X`)).toEqual({ ok: true, vector: `${BASE4}/E:P/MAV:L`, score: 7.3 });
  });
  it.each(["CVSS:4.0/AV:N", BASE31, "CVSS:4.0/AV:Q/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "garbage", ""])("refuses %j", (v) => expect(scoreCvss4(v)).toBeNull());
  it("rates scores as the specification does", () => {
    expect([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(ratingOf)).toEqual(["NONE", "LOW", "LOW", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL", "CRITICAL"]);
  });
});

describe("reading a vector metric by metric", () => {
  it.each([
    [`${BASE4}/AV:L`, "The metric AV is given twice (AV:N and AV:L): give each metric once."],
    [`${BASE4}/E:P/E:A`, "The metric E is given twice"],
    [`${BASE4}/XX:Y`, "CVSS v4.0 has no metric “XX”."],
    [`${BASE4}/av:N`, "(metric names are upper-case: AV)"],
    [`${BASE4}/MAC:Q`, "MAC:Q is not a value of MAC: use X, L, H."],
    ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:S/SI:N/SA:N", "SC:S is not a value of SC"],
    ["CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "The base metric AT is missing"],
    [`${BASE31}/A:L`, "The metric A is given twice (A:H and A:L)"],
    [`${BASE31}/E:Q`, "E:Q is not a value of E: use X, H, F, P, U."],
    [`${BASE31}/AT:N`, "CVSS v3.1 has no metric “AT”."],
    ["CVSS:2.0/AV:N", "CVSS:2.0 is not a CVSS version this form reads"],
    [`${BASE4}//AV:N`, "is not a metric"],
  ])("%s: %s", (raw, expected) => expect(message(raw)).toContain(expected));

  it("takes only v4.0 vectors for a notice, saying so for a v3.1 one, well-formed or not (not naming v3.1's metrics)", () => {
    expect(checkCvss4(BASE31)).toEqual({ ok: false, message: expect.stringContaining("Give a CVSS v4.0 vector") });
    expect(checkCvss4("CVSS:3.1/AV:N")).toEqual({ ok: false, message: "Give a CVSS v4.0 vector (CVSS:4.0/…); a CVSS v3.1 vector is not scored here." });
  });
});

describe("which score a number is", () => {
  it.each([
    [BASE4, "CVSS-B"],
    [`${BASE4}/E:P`, "CVSS-BT"],
    [`${BASE4}/E:X/MAV:L`, "CVSS-BE"],
    [`${BASE4}/E:U/CR:H`, "CVSS-BTE"],
    [`${BASE4}/S:P/U:Red`, "CVSS-B"],
    [BASE31, "CVSS v3.1 base score"],
    [`${BASE31}/E:P`, "CVSS v3.1 temporal score"],
    [`${BASE31}/E:P/MAV:L`, "CVSS v3.1 environmental score"],
  ])("%s is %s", (vector, label) => expect(cvssScoreLabel(vector)).toBe(label));
});
