// /sitemap.xml — the public advisories (disclosed notices only), for search engines.
import type { MetadataRoute } from "next";
import { listSitemapEntries } from "@/lib/advisories/data";

export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  return (await listSitemapEntries()).map((e) => ({ url: e.url, lastModified: e.lastModified, changeFrequency: "daily" }));
}
