import { describe, expect, it } from "vitest";
import { ConfigError, readDatabaseConfig, redactUrl } from "./config";

describe("readDatabaseConfig", () => {
  it("defaults to embedded PGlite in ./data", () => {
    expect(readDatabaseConfig({})).toEqual({
      kind: "pglite",
      dataDir: "./data",
      pgliteDir: "data/pglite",
      lockPath: "data/pglite.lock",
    });
  });

  it("uses FOREWARN_DATA_DIR as given", () => {
    const config = readDatabaseConfig({ FOREWARN_DATA_DIR: "/srv/forewarn" });
    expect(config).toMatchObject({ kind: "pglite", dataDir: "/srv/forewarn", pgliteDir: "/srv/forewarn/pglite" });
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(readDatabaseConfig({ DATABASE_URL: "  " }).kind).toBe("pglite");
  });

  it.each([
    ["postgres://app:s3cret@db.internal:6543/forewarn", { host: "db.internal", port: 6543, user: "app", password: "s3cret", database: "forewarn" }],
    ["postgresql://127.0.0.1/forewarn", { host: "127.0.0.1", port: 5432, user: undefined, password: undefined, database: "forewarn" }],
    ["postgres://u:p%40ss@[::1]:5432/my%20db", { host: "::1", port: 5432, user: "u", password: "p@ss", database: "my db" }],
  ])("parses %s", (url, expected) => {
    const config = readDatabaseConfig({ DATABASE_URL: url });
    expect(config).toMatchObject({ kind: "postgresql", ...expected });
  });

  it.each([
    ["not a url", /not a valid URL/],
    ["mysql://root@localhost/forewarn", /must start with postgres:\/\//],
    ["postgres://localhost", /must name a host and a database/],
    ["postgres:///forewarn", /must name a host and a database/],
    ["postgres://localhost/a/b", /must name a host and a database/],
  ])("refuses %s with a message naming DATABASE_URL and the fix", (url, message) => {
    let error: unknown;
    try {
      readDatabaseConfig({ DATABASE_URL: url });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe("DATABASE_URL");
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).message).toMatch(/postgres:\/\/USER:PASSWORD@HOST:5432\/DATABASE/);
  });

  it("never prints the password", () => {
    expect(() => readDatabaseConfig({ DATABASE_URL: "postgres://u:topsecret@h" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("topsecret") }),
    );
    expect(redactUrl("postgres://u:topsecret@h:1/d")).toBe("postgres://u:***@h:1/d");
    expect(redactUrl("postgres://u:top secret@h:1/d%")).not.toContain("top secret");
  });
});
