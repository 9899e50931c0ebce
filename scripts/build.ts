// npm run build — the production build, stamped so `npm start` knows it is current.
import { loadDotEnv } from "./lib/env.ts";
import { build } from "./lib/build.ts";

loadDotEnv();
process.exit(await build());
