// GET /advisories/feed.xml — the Atom feed of disclosed advisories, newest first.
import { getAtomFeed } from "@/lib/advisories/data";
import { documentResponse } from "@/lib/advisories/http";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return documentResponse(await getAtomFeed(), "application/atom+xml; charset=utf-8", "public");
}
