// Types for the parts of @secvisogram/csaf-validator-lib (plain JavaScript, no bundled types) the CSAF tests use,
// written from its README's "Interfaces" section.
declare module "@secvisogram/csaf-validator-lib/validateStrict.js" {
  type Message = { message: string; instancePath: string };
  export type DocumentTest = (doc: unknown) => unknown;
  export type ValidationResult = {
    isValid: boolean;
    tests: Array<{ name: string; isValid: boolean; errors: Message[]; warnings: Message[]; infos: Message[] }>;
  };
  export default function validateStrict(tests: DocumentTest[], doc: unknown): Promise<ValidationResult>;
}
declare module "@secvisogram/csaf-validator-lib/schemaTests.js" {
  import type { DocumentTest } from "@secvisogram/csaf-validator-lib/validateStrict.js";
  export const csaf_2_0_strict: DocumentTest;
  export const csaf_2_0: DocumentTest;
}
declare module "@secvisogram/csaf-validator-lib/mandatoryTests.js" {
  import type { DocumentTest } from "@secvisogram/csaf-validator-lib/validateStrict.js";
  const tests: Record<string, DocumentTest>;
  export = tests;
}
declare module "@secvisogram/csaf-validator-lib/optionalTests.js" {
  import type { DocumentTest } from "@secvisogram/csaf-validator-lib/validateStrict.js";
  const tests: Record<string, DocumentTest>;
  export = tests;
}
declare module "@secvisogram/csaf-validator-lib/lib/shared/cwec.js" {
  const cwec: { weaknesses: ReadonlyArray<{ id: string; name: string }> };
  export default cwec;
}
declare module "@secvisogram/csaf-validator-lib/lib/schemaTests/csaf_2_0/schema.js" {
  // The CSAF 2.0 JSON schema as the library embeds it ($id https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json).
  const schema: { $id: string } & Record<string, unknown>;
  export default schema;
}
declare module "@secvisogram/csaf-validator-lib/schemas/*" {
  // FIRST's CVSS JSON schemas, as the library embeds them.
  const schema: Record<string, unknown>;
  export default schema;
}
