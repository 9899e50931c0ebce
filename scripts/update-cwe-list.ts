// npm run cwe:update — regenerates lib/advisories/cwe-names.json, the CWE ids and names CSAF's mandatory test 6.1.11
// checks a document against, from the list shipped with @secvisogram/csaf-validator-lib (the validator the tests use),
// so the names Forewarn writes are exactly the ones the validator expects.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { root } from "./lib/env.ts";

const { default: cwec } = (await import("@secvisogram/csaf-validator-lib/lib/shared/cwec.js")) as { default: { weaknesses: ReadonlyArray<{ id: string; name: string }> } };
const names = Object.fromEntries([...cwec.weaknesses].sort((a, b) => Number(a.id.slice(4)) - Number(b.id.slice(4))).map((w) => [w.id, w.name]));
const file = path.join(root, "lib", "advisories", "cwe-names.json");
writeFileSync(file, `${JSON.stringify(names, null, 0).replace(/","/g, '",\n"')}\n`);
console.log(`Wrote ${Object.keys(names).length} CWE names to ${path.relative(root, file)}.`);
