// npm run audit:verify -- FILE — checks an audit archive downloaded from the audit page (Archive a date range) on
// its own, without the database: every event's hash and every link, from the proof's first link to its last hash.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { verifyArchive, type AuditArchive } from "../lib/audit/chain.ts";

const args = process.argv.slice(2).filter((a) => a !== "--");
if (args.length !== 1) {
  console.error("usage: npm run audit:verify -- FILE");
  process.exit(2);
}
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]!);
let archive: AuditArchive;
try {
  archive = JSON.parse(await readFile(file, "utf8")) as AuditArchive;
} catch (error) {
  console.error(`✖ ${file} could not be read as JSON (${(error as NodeJS.ErrnoException).code ?? "not JSON"}).`);
  process.exit(1);
}
const result = verifyArchive(archive);
if (!result.ok) {
  console.error(`✖ ${path.basename(file)} does not verify at event ${result.brokenAt}: ${result.reason}.`);
  process.exit(1);
}
console.log(`✔ ${path.basename(file)}: ${result.checked} events from ${archive.range.from} to ${archive.range.to} (UTC) verify.`);
console.log(`  First link ${archive.proof.prevHash ?? "(the start of the log)"}; last hash ${archive.proof.lastHash ?? "(no events)"}: the next range's archive starts from it.`);
