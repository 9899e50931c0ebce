import { describe, expect, it } from "vitest";
import { generateKey } from "openpgp";
import { toCsv } from "@/lib/server/csv";
import { DIRECTORY_COLUMNS, parseDirectoryCsv, readDirectoryCsv } from "./csv";

describe("parseDirectoryCsv", () => {
  it("groups rows by organisation, normalising addresses; organisation columns may be given once or on every row", () => {
    const { organisations, problems } = parseDirectoryCsv(
      "\uFEFFOrganisation,Role_Address,organisation_status,member_email,member_name,member_status,member_admin\r\n" +
        "Acme, Security@Acme.example ,active,Ann@Acme.example,Ann,invited,yes\r\n" +
        "Acme,,,bob@acme.example,,ACTIVE,no\r\n" +
        "Acme,security@acme.example,ACTIVE,cy@acme.example,,,\r\n" +
        "Globex,,,,,,\r\n",
    );
    expect(problems).toEqual([]);
    expect(organisations).toEqual([
      {
        row: 2,
        name: "Acme",
        status: "ACTIVE",
        roleAddress: "security@acme.example",
        notes: null,
        attachFilesEncrypted: null,
        publicKey: null,
        key: null,
        members: [
          { row: 2, email: "ann@acme.example", name: "Ann", status: "INVITED", admin: true },
          { row: 3, email: "bob@acme.example", name: null, status: "ACTIVE", admin: false },
          { row: 4, email: "cy@acme.example", name: null, status: null, admin: null },
        ],
      },
      { row: 5, name: "Globex", status: null, roleAddress: null, notes: null, attachFilesEncrypted: null, publicKey: null, key: null, members: [] },
    ]);
  });

  it("reads back what the export writes: multi-line notes and key cells, cells that look like formulas", () => {
    const key = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEZ\n=abcd\n-----END PGP PUBLIC KEY BLOCK-----";
    const notes = "=HYPERLINK(\"x\")\nsecond line, with \"quotes\"";
    const csv = toCsv([...DIRECTORY_COLUMNS], [["Acme", "INVITED", "", notes, key, "", "yes", "a@acme.example", "+Ann", "PENDING", "no"]]);
    const { organisations, problems } = parseDirectoryCsv(csv);
    expect(problems).toEqual([]);
    expect(organisations[0]).toMatchObject({ notes, attachFilesEncrypted: true, publicKey: { row: 2, armored: key, fingerprint: null }, members: [{ name: "+Ann", status: "PENDING", admin: false }] });
  });

  it("refuses a person's name with an invisible character, naming it", () => {
    const { problems } = parseDirectoryCsv("organisation,member_email,member_name\nAcme,bob@acme.example,Bob\u200b Lee");
    expect(problems).toEqual([{ row: 2, message: expect.stringMatching(/^member_name contains U\+200B ZERO WIDTH SPACE, /) }]);
  });

  it("reports every bad row with its number and the column, and keeps none of them", () => {
    const { organisations, problems } = parseDirectoryCsv(
      [
        "organisation,role_address,member_email,member_status,member_admin,organisation_status,color",
        ",,a@x.example,,,,",
        "Acme,not-an-address,,,,,",
        "Acme,,a@x.example;b@x.example,,,,",
        "Acme,,dup@x.example,,,,",
        "Globex,,dup@x.example,,,,",
        "Initech,one@initech.example,,,,,",
        "Initech,two@initech.example,,,,,",
        `${"L".repeat(121)},,,,,,`,
        "Acme,,c@x.example,asleep,,,",
        "Acme,,d@x.example,,maybe,,",
        "Acme,,,,,gone,",
        "ACME,,e@x.example,,,,",
        "Acme,,,active,,,",
        "A-c-m-e,,f@x.example,,,,",
        "Ini\u202etech,,,,,,",
      ].join("\n"),
    );
    expect(organisations.map((o) => [o.name, o.members.map((m) => m.row)])).toEqual([["Acme", [5]], ["Initech", []]]);
    expect(problems).toEqual([
      { row: 1, message: "Unknown column: color. Allowed: organisation, organisation_status, role_address, notes, pgp_public_key, pgp_fingerprint, attach_files_encrypted, member_email, member_name, member_status, member_admin." },
      { row: 2, message: "organisation is empty." },
      { row: 3, message: 'role_address "not-an-address" is not one email address.' },
      { row: 4, message: 'member_email "a@x.example;b@x.example" is not one email address.' },
      { row: 6, message: "member_email dup@x.example appears again (first on row 5); a person belongs to one organisation." },
      { row: 8, message: "role_address differs from an earlier row of Initech; an organisation's columns must agree on every row (or be left empty)." },
      { row: 9, message: "organisation is longer than 120 characters." },
      { row: 10, message: 'member_status "asleep" is not one of invited, active, pending, suspended, removed.' },
      { row: 11, message: 'member_admin "maybe" is not yes or no.' },
      { row: 12, message: 'organisation_status "gone" is not one of invited, active, suspended, removed.' },
      { row: 13, message: 'organisation "ACME" looks like "Acme" on row 5; write one organisation\'s name the same way on every row.' },
      { row: 14, message: "member_name, member_status or member_admin without a member_email." },
      { row: 15, message: 'organisation "A-c-m-e" looks like "Acme" on row 5; write one organisation\'s name the same way on every row.' },
      { row: 16, message: expect.stringMatching(/^organisation contains U\+202E RIGHT-TO-LEFT OVERRIDE, /) },
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

describe("readDirectoryCsv: keys checked as the key form checks them", () => {
  it("accepts a public key (fingerprint cross-checked) and names the row of a bad, private or mismatched one", async () => {
    const { publicKey, privateKey } = await generateKey({ type: "curve25519", userIDs: [{ email: "s@acme.example" }], format: "armored" });
    const good = await readDirectoryCsv(toCsv([...DIRECTORY_COLUMNS], [["Acme", "", "", "", publicKey, "", "", "", "", "", ""]]));
    expect(good.problems).toEqual([]);
    const fingerprint = good.organisations[0]!.key!.fingerprint;
    expect(fingerprint).toMatch(/^[0-9A-F]{40}$/);
    const bad = await readDirectoryCsv(
      toCsv(
        [...DIRECTORY_COLUMNS],
        [
          ["Acme", "", "", "", publicKey, "0000 1111", "", "", "", "", ""],
          ["Globex", "", "", "", "not a key", "", "", "", "", "", ""],
          ["Initech", "", "", "", privateKey, "", "", "", "", "", ""],
          ["Hooli", "", "", "", publicKey, fingerprint.toLowerCase(), "", "", "", "", ""],
        ],
      ),
    );
    expect(bad.problems.map((p) => [p.row, p.message.replace(/:.*/, "")])).toEqual([
      [2, "pgp_fingerprint of Acme is not the fingerprint of its pgp_public_key (" + fingerprint + "); the key may be damaged."],
      [3, "pgp_public_key of Globex"],
      [4, "pgp_public_key of Initech"],
    ]);
    expect(bad.problems[2]!.message).toMatch(/PRIVATE key/);
  });
});
