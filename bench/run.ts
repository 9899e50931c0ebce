// npm run bench [-- NAME [OPTIONS]] — runs one benchmark, or all of them when no name is given.
// Each bench gets a process of its own when several run: lib code reads its settings and opens its database once
// per process, and every bench points them somewhere else.
import { spawnSync } from "node:child_process";
import { SetupError, UsageError } from "./cli.ts";

type Bench = { summary: string; run(args: string[]): Promise<boolean> };

const BENCHES: Record<string, Bench> = {
  fanout: {
    summary: "one notice to 3,000 contacts through the outbox and workers (issue 4). --postgres: scratch PostgreSQL",
    run: async (args) => (await import("./fanout.ts")).fanout(args),
  },
  pages: {
    summary: "server CPU per view, requests/s, p50 and SQL per view of the vendor notice and tracking pages vs an empty page (issues 5, 15), on PGlite and PostgreSQL. --pglite / --postgres: one only",
    run: async (args) => (await import("./pages.ts")).pages(args),
  },
};

function usage(): string {
  const names = Object.entries(BENCHES).map(([name, b]) => `  ${name.padEnd(10)} ${b.summary}`);
  return ["Usage: npm run bench [-- NAME [OPTIONS]]   (no NAME: every bench, options passed to each)", "", ...names].join("\n");
}

const [first, ...rest] = process.argv.slice(2);

if (first === "--help" || first === "-h") {
  console.log(usage());
} else if (first === undefined || first.startsWith("--")) {
  const options = first === undefined ? [] : [first, ...rest];
  let failed = 0;
  for (const name of Object.keys(BENCHES)) {
    const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, name, ...options], { stdio: "inherit" });
    if (child.status !== 0) failed += 1;
  }
  process.exitCode = failed ? 1 : 0;
} else if (!(first in BENCHES)) {
  console.error(`Unknown bench "${first}".\n\n${usage()}`);
  process.exitCode = 2;
} else {
  try {
    process.exitCode = (await BENCHES[first]!.run(rest)) ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage()}`);
      process.exitCode = 2;
    } else if (error instanceof SetupError) {
      console.error(`\n✖ ${first}: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}
