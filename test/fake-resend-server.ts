// Stand-alone fake Resend for the browser suite: `node test/fake-resend-server.ts 3199`.
import { startFakeResend } from "./fake-resend.ts";

const port = Number(process.argv[2] ?? 3199);
const fake = await startFakeResend({ port });
console.log(`fake Resend listening on ${fake.url}`);
process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
