// npm run db:* — the Prisma CLI with the offline settings this project needs (see README "Database").
import { loadDotEnv } from "./lib/env.ts";
import { prisma } from "./lib/run.ts";

loadDotEnv();
process.exit(await prisma(process.argv.slice(2)));
