import { describe, expect, it } from "vitest";
import { describePostgresError } from "./preflight";

const config = { host: "db.example", port: 5432, database: "forewarn", user: "app", redactedUrl: "postgres://app:***@db.example:5432/forewarn" };

describe("describePostgresError", () => {
  it.each([
    ["ECONNREFUSED", /cannot reach PostgreSQL at db.example:5432.*Start the PostgreSQL server/],
    ["ENOTFOUND", /cannot reach PostgreSQL/],
    ["28P01", /refused user "app".*Fix the user and password/],
    ["3D000", /database "forewarn" does not exist.*createdb forewarn/],
  ])("%s names DATABASE_URL and the fix", (code, message) => {
    const text = describePostgresError(Object.assign(new Error("x"), { code }), config);
    expect(text).toMatch(/^DATABASE_URL/);
    expect(text).toMatch(message);
  });

  it("asks for a password when the server wants one", () => {
    const text = describePostgresError(new Error("SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string"), config);
    expect(text).toMatch(/wants a password for user "app"/);
  });

  it("reports timeouts", () => {
    expect(describePostgresError(new Error("Connection terminated due to connection timeout"), config)).toMatch(/did not answer within 5 seconds/);
  });
});
