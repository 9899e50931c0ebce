// GET /bench/floor – an empty server-rendered page in the public layout, for `npm run bench -- pages` only: what any
// dynamic page costs on this machine before it reads anything (proxy with its CSP nonce, the layouts, React's render,
// the HTML and RSC payload). The bench reports it beside the bare route handler as the floor of every page.
// 404 unless the server was started with FOREWARN_COUNT_QUERIES=1 (never set it in production).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { queryCountingEnabled } from "@/lib/server/db/query-count";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Empty page" };

export default function BenchFloorPage() {
  if (!queryCountingEnabled()) notFound();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <p>An empty page.</p>
    </div>
  );
}
