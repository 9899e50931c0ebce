import { describe, expect, it } from "vitest";
import { parseDirectoryCsv } from "./csv";

describe("parseDirectoryCsv", () => {
  it("reads organisations and members, normalising addresses", () => {
    const { rows, problems } = parseDirectoryCsv(
      "\uFEFFOrganisation,Role_Address,member_email,member_name\r\nAcme, Security@Acme.example ,Ann@Acme.example,Ann\r\nAcme,,bob@acme.example,\r\nGlobex,,,\r\n",
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, organisation: "Acme", roleAddress: "security@acme.example", notes: null, memberEmail: "ann@acme.example", memberName: "Ann" },
      { line: 3, organisation: "Acme", roleAddress: null, notes: null, memberEmail: "bob@acme.example", memberName: null },
      { line: 4, organisation: "Globex", roleAddress: null, notes: null, memberEmail: null, memberName: null },
    ]);
  });

  it("accepts its own export's columns (statuses ignored)", () => {
    const { problems } = parseDirectoryCsv("organisation,organisation_status,role_address,pgp_fingerprint,notes,member_email,member_name,member_status\nAcme,ACTIVE,,,n,a@acme.example,A,ACTIVE\n");
    expect(problems).toEqual([]);
  });

  it("reports every bad row with its line, and keeps none of them", () => {
    const { rows, problems } = parseDirectoryCsv(
      [
        "organisation,role_address,member_email,color",
        ",,a@x.example,",
        "Acme,not-an-address,,",
        "Acme,,a@x.example;b@x.example,",
        "Acme,,dup@x.example,",
        "Globex,,dup@x.example,",
        "Initech,one@initech.example,,",
        "Initech,two@initech.example,,",
        `${"L".repeat(121)},,,`,
      ].join("\n"),
    );
    expect(rows.map((r) => r.line)).toEqual([5, 7]);
    expect(problems).toEqual([
      { line: 1, message: "Unknown column: color. Allowed: organisation, role_address, notes, member_email, member_name." },
      { line: 2, message: "The organisation name is empty." },
      { line: 3, message: 'role_address "not-an-address" is not one email address.' },
      { line: 4, message: 'member_email "a@x.example;b@x.example" is not one email address.' },
      { line: 6, message: "dup@x.example appears again (first on line 5); a person belongs to one organisation." },
      { line: 8, message: "A different role_address for Initech than on line 7." },
      { line: 9, message: "The organisation name is longer than 120 characters." },
    ]);
  });

  it.each([
    ["", /must name the columns/],
    ["name,email\nAcme,a@x.example", /must name the columns/],
    ["organisation\n", /header but no rows/],
    ['organisation,member_email\n"Acme,a@x.example\n', /Unreadable CSV/],
  ])("refuses %j", (text, message) => {
    const { problems } = parseDirectoryCsv(text);
    expect(problems.map((p) => p.message).join(" ")).toMatch(message);
  });
});
