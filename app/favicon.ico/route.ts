// GET /favicon.ico – browsers ask for it on their own (e.g. next to a download or a JSON response); the app's icon.
import { readFile } from "node:fs/promises";
import path from "node:path";

export const dynamic = "force-static";

export async function GET(): Promise<Response> {
  const svg = await readFile(path.join(process.cwd(), "app", "icon.svg"));
  return new Response(svg, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400" } });
}
