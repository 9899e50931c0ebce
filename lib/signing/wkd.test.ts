import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGpg, type Gpg } from "@/test/gpg";
import { generateProjectKey } from "./keys";
import { hasAddress, wkdHash, wkdPath, zbase32 } from "./wkd";

describe("WKD direct method", () => {
  let gpg: Gpg;
  beforeAll(() => {
    gpg = createGpg();
  });
  afterAll(() => gpg.dispose());

  it("hashes the draft's example address", () => {
    expect(wkdHash("Joe.Doe@Example.ORG")).toBe("iy9q119eutrkn8s1mk4r39qejnbu3n5q");
    expect(wkdPath("Joe.Doe@Example.ORG")).toBe("/.well-known/openpgpkey/hu/iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe");
    expect(wkdHash("joe.doe@other.example")).toBe(wkdHash("Joe.Doe@Example.ORG"));
  });

  it("agrees with gpg's own WKD hash for the project's key", async () => {
    const { publicKey } = await generateProjectKey({ name: "Acme", email: "Security-Team@acme.example" });
    gpg.importKey(publicKey);
    const listed = gpg.run(["--with-wkd-hash", "--list-keys"]).stdout.toString();
    expect(listed).toContain(`${wkdHash("Security-Team@acme.example")}@acme.example`);
  });

  it("z-base-32 encodes bit by bit", () => {
    expect(zbase32(new Uint8Array([]))).toBe("");
    expect(zbase32(new Uint8Array([0]))).toBe("yy");
    expect(zbase32(new Uint8Array([0xff, 0xff]))).toBe("999o");
    expect(zbase32(new Uint8Array(20))).toHaveLength(32);
  });

  it("matches the address in a user id, case-insensitively", () => {
    expect(hasAddress(["Acme security team <Security@Acme.example>"], "security@acme.example")).toBe(true);
    expect(hasAddress(["security@acme.example"], "security@acme.example")).toBe(true);
    expect(hasAddress(["Acme security team"], "security@acme.example")).toBe(false);
    expect(hasAddress(["Acme <security@acme.example.evil>"], "security@acme.example")).toBe(false);
  });
});
