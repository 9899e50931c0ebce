// Stand-alone fake Resend for the browser suite and the bench: `node test/fake-resend-server.ts 3199 [latency ms]`.
import { startFakeResend } from "./fake-resend.ts";

const port = Number(process.argv[2] ?? 3199);
const fake = await startFakeResend({ port, latencyMs: Number(process.argv[3] ?? 0) });
console.log(`fake Resend listening on ${fake.url}`);
process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
