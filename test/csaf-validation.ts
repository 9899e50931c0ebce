// Validation of what the CSAF provider publishes, against the official schemas, for the unit, int and e2e tests:
// - CSAF documents: @secvisogram/csaf-validator-lib's strict CSAF 2.0 schema test, every mandatory test and the
//   recommended test 6.2.11 (canonical URL), as lib/advisories/formats/csaf.test.ts runs them;
// - provider-metadata.json: the OASIS provider metadata schema (test/fixtures/csaf-provider-json-schema.json, see the
//   fixtures README), whose `publisher` refers to the CSAF 2.0 schema (the copy the validator library embeds).
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import * as mandatory from "@secvisogram/csaf-validator-lib/mandatoryTests.js";
import * as optional from "@secvisogram/csaf-validator-lib/optionalTests.js";
import { csaf_2_0_strict } from "@secvisogram/csaf-validator-lib/schemaTests.js";
import csafSchema from "@secvisogram/csaf-validator-lib/lib/schemaTests/csaf_2_0/schema.js";
import cvss20 from "@secvisogram/csaf-validator-lib/schemas/cvss-v2.0.js";
import cvss30 from "@secvisogram/csaf-validator-lib/schemas/cvss-v3.0.js";
import cvss31 from "@secvisogram/csaf-validator-lib/schemas/cvss-v3.1.js";
import validateStrict from "@secvisogram/csaf-validator-lib/validateStrict.js";

export const CSAF_DOCUMENT_TESTS = [csaf_2_0_strict, ...Object.values(mandatory), optional.optionalTest_6_2_11!];

/**
 * Every failed test (errors, and warnings: a recommended test only warns) of a CSAF document; [] when it passes.
 * `overHttp`: the document comes from a test server on http://, which test 6.2.11 (an https canonical URL) refuses by
 * design; every other test still runs.
 */
export async function csafFailures(doc: unknown, options: { overHttp?: boolean } = {}): Promise<Array<{ name: string; errors: unknown[]; warnings: unknown[] }>> {
  const tests = options.overHttp ? CSAF_DOCUMENT_TESTS.filter((t) => t !== optional.optionalTest_6_2_11) : CSAF_DOCUMENT_TESTS;
  const result = await validateStrict(tests, doc);
  if (result.tests.length < 40) throw new Error(`Only ${result.tests.length} CSAF tests ran`);
  return result.tests.filter((t) => !t.isValid || t.errors.length > 0 || t.warnings.length > 0).map((t) => ({ name: t.name, errors: t.errors, warnings: t.warnings }));
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
// The CSAF schema refers to FIRST's CVSS schemas: registered under the ids it uses, as the library itself does.
ajv.addSchema(cvss20, "https://www.first.org/cvss/cvss-v2.0.json");
ajv.addSchema(cvss30, "https://www.first.org/cvss/cvss-v3.0.json");
ajv.addSchema(cvss31, "https://www.first.org/cvss/cvss-v3.1.json");
ajv.addSchema(csafSchema);
// Read from the file (not imported): Playwright's loader (the e2e spec) and Vitest both read it this way.
const providerSchema = JSON.parse(readFileSync(new URL("./fixtures/csaf-provider-json-schema.json", import.meta.url), "utf8")) as Record<string, unknown>;
const validateProvider = ajv.compile(providerSchema);

/** The schema errors of a provider-metadata.json; [] when it is valid. */
export function providerMetadataErrors(metadata: unknown): string[] {
  if (validateProvider(metadata)) return [];
  return (validateProvider.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "invalid"}`);
}
