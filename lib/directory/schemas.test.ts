import { describe, expect, it } from "vitest";
import { OrganisationInputSchema, UpdateOrganisationSchema } from "./schemas";

describe("the organisation form's attachments setting", () => {
  it("is on when the box is ticked and off when it is absent (an unticked box sends nothing)", () => {
    expect(OrganisationInputSchema.parse({ name: "Acme", attachFilesEncrypted: "on" }).attachFilesEncrypted).toBe(true);
    expect(OrganisationInputSchema.parse({ name: "Acme" }).attachFilesEncrypted).toBe(false);
    expect(UpdateOrganisationSchema.parse({ organisationId: "org1", name: "Acme" }).attachFilesEncrypted).toBe(false);
  });

  it("refuses anything else", () => {
    expect(OrganisationInputSchema.safeParse({ name: "Acme", attachFilesEncrypted: "yes" }).success).toBe(false);
  });
});
