import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkEcosystem, OSV_ECOSYSTEMS } from "./ecosystems";

const schema = JSON.parse(readFileSync("test/fixtures/osv-schema.json", "utf8")) as { $defs: { ecosystemName: { enum: string[] } } };

describe("OSV ecosystems", () => {
  it("are exactly the official OSV schema's list (refresh both together)", () => {
    expect([...OSV_ECOSYSTEMS]).toEqual(schema.$defs.ecosystemName.enum);
  });

  it.each(["PyPI", "npm", "crates.io", "GitHub Actions", "Debian", "Debian:12", "Ubuntu:22.04:LTS", "Ubuntu:Pro:18.04:LTS", "Ubuntu:24.10", "Alpine:v3.16", "Maven:https://maven.google.com", "Red Hat:rhel_aus:8.4::appstream", "Photon OS:3.0", "Rocky Linux:9"])("accepts %s", (value) => {
    expect(checkEcosystem(value)).toMatchObject({ ok: true, ecosystem: value });
  });

  it.each([
    ["pypi", "did you mean PyPI?"],
    ["NPM", "did you mean npm?"],
    ["ubuntu:22.04:LTS", "did you mean Ubuntu:22.04:LTS?"],
    ["Python", "is not an OSV ecosystem"],
    ["Alpine", "Alpine needs its release"],
    ["Alpine:3.16", "write it like Alpine:v3.16"],
    ["Debian:bookworm", "write it like Debian:12"],
    ["Ubuntu:22.04:lts", "write it like Ubuntu:22.04:LTS"],
    ["Mageia", "Mageia needs its release"],
    ["npm:registry", "npm takes no suffix"],
    ["Maven:http://repo.example/", "write it like Maven:https://maven.google.com"],
    ["Maven:https://repo.example/", "(no “/” at the end)"],
    // The registry's address is the CVE record's collectionURL: a web address, checked as one.
    ["Maven:https://user:pw@repo.example/maven2", "leave the user name and password out"],
    ["Maven:https://repo.example/a|b", "not a valid web address"],
    ["Maven:https://repo.example/%zz", "not a valid web address"],
    ["Red Hat: ", "no spaces around it"],
  ])("refuses %s", (value, message) => {
    const result = checkEcosystem(value);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toContain(message);
  });
});

describe("a Maven registry's address", () => {
  it("is kept in its normal form", () => {
    expect(checkEcosystem("Maven:HTTPS://Repo.Example.ORG/maven2")).toEqual({ ok: true, ecosystem: "Maven:https://repo.example.org/maven2", base: "Maven" });
  });
});
