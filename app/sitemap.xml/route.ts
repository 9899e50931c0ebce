// GET /sitemap.xml — the public advisories (disclosed notices only), for search engines. Public and cacheable like
// the other public outputs: it is the same for everyone.
import { listSitemapEntries } from "@/lib/advisories/data";
import { documentResponse } from "@/lib/advisories/http";
import { escapeHtml } from "@/lib/advisories/formats/atom";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const urls = (await listSitemapEntries()).map((e) => `  <url><loc>${escapeHtml(e.url)}</loc><lastmod>${e.lastModified.toISOString()}</lastmod></url>`);
  const body = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, "</urlset>", ""].join("\n");
  return documentResponse(body, "application/xml; charset=utf-8", "public");
}
