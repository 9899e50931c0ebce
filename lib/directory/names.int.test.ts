// Names that cannot deceive, through the directory's server actions as a form posts them (PGlite and PostgreSQL):
// a name that looks like another organisation's is saved only after the maintainer confirmed, for that look-alike,
// that it is a different organisation; invisible characters are refused with the character named; nothing is stored
// when refused.
import { expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer } from "@/test/viewers";
import type { Viewer } from "@/lib/server/viewer-types";

const session = vi.hoisted(() => ({ viewer: { kind: "anonymous" } as Viewer }));
vi.mock("@/lib/auth/viewer", () => ({
  getViewer: async () => session.viewer,
  getRequestInfo: async () => ({ ip: "192.0.2.41", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("redirect"), { digest: `NEXT_REDIRECT;replace;${url};307;`, url });
  },
}));

const actions = await import("./actions");

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

/** The action's answer, or the URL it redirected to (a created organisation). */
async function outcome<T>(promise: Promise<T>): Promise<T | { redirected: string }> {
  try {
    return await promise;
  } catch (error) {
    const url = (error as { url?: string }).url;
    if (url) return { redirected: url };
    throw error;
  }
}

describeEachDatabase("organisation names", (db) => {
  async function world() {
    const m = await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } });
    session.viewer = maintainer(m);
    const bluefin = await db.client.organisation.create({ data: { name: "Bluefin OS", status: "ACTIVE" } });
    const acme = await db.client.organisation.create({ data: { name: "Acme", status: "ACTIVE" } });
    return { bluefin, acme };
  }
  const names = async () => (await db.client.organisation.findMany({ orderBy: { name: "asc" }, select: { name: true } })).map((o) => o.name);

  it.each(["\u0412luefin OS", "bluefin os", "BLUEFIN OS", "Bluefin-OS", "Blue fin OS", "\uff22\uff4c\uff55\uff45\uff46\uff49\uff4e OS"])(
    "a new organisation named %j waits for a confirmation that names Bluefin OS, then is created",
    async (name) => {
      const { bluefin } = await world();
      const refused = await outcome(actions.createOrganisationAction(null, form({ name, roleAddress: "", notes: "" })));
      expect(refused).toMatchObject({
        ok: false,
        error: expect.stringContaining("looks like “Bluefin OS”, which is already in the directory"),
        fieldErrors: { name: [expect.stringContaining("“Bluefin OS”")] },
        confirm: { field: "differentFrom", value: bluefin.id, label: "Yes, this is a different organisation from “Bluefin OS”" },
      });
      expect(await names()).toEqual(["Acme", "Bluefin OS"]);
      expect(await db.client.auditEvent.count({ where: { action: "directory.organisation.created" } })).toBe(0);
      // A confirmation for some other organisation does not count.
      expect(await outcome(actions.createOrganisationAction(null, form({ name, roleAddress: "", notes: "", differentFrom: "someone-else" })))).toMatchObject({ ok: false });
      expect(await names()).toEqual(["Acme", "Bluefin OS"]);
      const created = await outcome(actions.createOrganisationAction(null, form({ name, roleAddress: "", notes: "", differentFrom: bluefin.id })));
      expect(created).toEqual({ redirected: expect.stringMatching(/^\/maintainer\/directory\/\w+$/) });
      expect(await names()).toContain(name.trim());
      const audit = await db.client.auditEvent.findFirstOrThrow({ where: { action: "directory.organisation.created" } });
      expect(audit.details).toMatchObject({ name, differentFrom: [bluefin.id] });
    },
  );

  it("a rename to a look-alike needs the confirmation too; other edits of an organisation do not", async () => {
    const { bluefin, acme } = await world();
    const rename = (name: string, extra: Record<string, string> = {}) =>
      actions.updateOrganisationAction(null, form({ organisationId: acme.id, name, roleAddress: "", notes: "", ...extra }));
    expect(await rename("BLUEFIN-OS")).toMatchObject({ ok: false, confirm: { value: bluefin.id } });
    expect(await names()).toEqual(["Acme", "Bluefin OS"]);
    expect(await rename("Acme Labs")).toMatchObject({ ok: true });
    expect(await rename("BLUEFIN-OS", { differentFrom: bluefin.id })).toMatchObject({ ok: true });
    expect(await names()).toEqual(["BLUEFIN-OS", "Bluefin OS"]);
    // Both stay editable under their names, which were confirmed once.
    expect(await actions.updateOrganisationAction(null, form({ organisationId: bluefin.id, name: "Bluefin OS", roleAddress: "", notes: "New notes" }))).toMatchObject({ ok: true });
  });

  it("the exact name of an existing organisation is refused outright", async () => {
    await world();
    expect(await outcome(actions.createOrganisationAction(null, form({ name: "Bluefin OS", roleAddress: "", notes: "" })))).toEqual({ ok: false, error: 'An organisation named "Bluefin OS" already exists.' });
    expect(await names()).toEqual(["Acme", "Bluefin OS"]);
  });

  it.each([
    ["Bluefin\u202e SO", "U+202E RIGHT-TO-LEFT OVERRIDE"],
    ["Blue\u200bfin", "U+200B ZERO WIDTH SPACE"],
    ["\u2066Globex\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE"],
    ["Glo\u00adbex", "U+00AD SOFT HYPHEN"],
    ["Globex\u200f", "U+200F RIGHT-TO-LEFT MARK"],
  ])("an organisation name with an invisible character (%j) is refused, naming %s", async (name, character) => {
    const { acme } = await world();
    const created = await outcome(actions.createOrganisationAction(null, form({ name, roleAddress: "", notes: "" })));
    expect(created).toMatchObject({ ok: false, fieldErrors: { name: [expect.stringContaining(`contains ${character}`)] } });
    const renamed = await actions.updateOrganisationAction(null, form({ organisationId: acme.id, name, roleAddress: "", notes: "" }));
    expect(renamed).toMatchObject({ ok: false, fieldErrors: { name: [expect.stringContaining(`contains ${character}`)] } });
    expect(await names()).toEqual(["Acme", "Bluefin OS"]);
  });

  it("a person's name with an invisible character is refused, naming it, and nobody is invited", async () => {
    const { acme } = await world();
    const invited = await actions.inviteMemberAction(null, form({ organisationId: acme.id, email: "ann@acme.example", name: "Ann\u202e Lee" }));
    expect(invited).toMatchObject({ ok: false, fieldErrors: { name: [expect.stringContaining("U+202E RIGHT-TO-LEFT OVERRIDE")] } });
    expect(await db.client.user.count({ where: { role: "VENDOR" } })).toBe(0);
  });

  it("an import shows a new look-alike in its preview and applies it only with the confirmation", async () => {
    await world();
    const csv = "organisation,member_email\nBluefin-OS,ann@bluefin-os.example\nGlobex,gus@globex.example";
    const preview = await actions.importDirectoryAction(null, form({ intent: "preview", csv }));
    expect(preview).toMatchObject({ ok: true, data: { problems: [], lookalikes: [{ row: 2, organisation: "Bluefin-OS", looksLike: ["Bluefin OS"] }] } });
    if (!preview.ok) throw new Error("preview refused");
    expect(preview.data.outcomes.find((o) => o.row === 2)?.changes).toContain("looks like the existing “Bluefin OS”");
    const apply = (extra: Record<string, string> = {}) => actions.importDirectoryAction(null, form({ intent: "apply", csv, token: preview.data.token, ...extra }));
    expect(await apply()).toMatchObject({ ok: false, error: expect.stringContaining("“Bluefin-OS” (row 2) looks like the existing “Bluefin OS”. Nothing was imported") });
    expect(await names()).toEqual(["Acme", "Bluefin OS"]);
    expect(await db.client.user.count({ where: { role: "VENDOR" } })).toBe(0);
    expect(await apply({ different: "on" })).toMatchObject({ ok: true, data: { applied: true, counts: { create: 2 } } });
    expect(await names()).toEqual(["Acme", "Bluefin OS", "Bluefin-OS", "Globex"]);
  });

  it("an import with an invisible character in a name is refused with the row and the character", async () => {
    await world();
    const preview = await actions.importDirectoryAction(null, form({ intent: "preview", csv: "organisation,member_email,member_name\nGlo\u200dbex,gus@globex.example,Gus" }));
    expect(preview).toMatchObject({ ok: true, data: { problems: [{ row: 2, message: expect.stringContaining("organisation contains U+200D ZERO WIDTH JOINER") }] } });
  });
});
