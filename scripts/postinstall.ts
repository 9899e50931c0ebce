// Runs after `npm install` / `npm ci`: keep the lock usable by `npm ci`, and generate the Prisma client.
import { loadDotEnv } from "./lib/env.ts";
import { prisma, run } from "./lib/run.ts";

loadDotEnv();
const fixed = await run(process.execPath, ["scripts/fix-lock.mjs"]);
if (fixed !== 0) process.exit(fixed);
process.exit(await prisma(["generate"]));
