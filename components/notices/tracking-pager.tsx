// The tracking matrix's search box and page links. A notice can go to thousands of organisations: the matrix shows a
// page of them, found by name, while the figures above it cover all of them.
import Link from "next/link";
import { Button } from "@/components/ui/button";
import type { TrackingPage, TrackingStatus } from "@/lib/notices/data";

type Query = { status: TrackingStatus; q?: string | undefined; page?: number | undefined };

/** The tracking page with this filter, search and page (defaults left out of the address). */
export function trackingHref(noticeId: string, { status, q, page }: Query) {
  const params = new URLSearchParams();
  if (status !== "all") params.set("status", status);
  if (q) params.set("q", q);
  if (page && page > 1) params.set("page", String(page));
  const search = params.toString();
  return `/maintainer/notices/${noticeId}/tracking${search ? `?${search}` : ""}` as const;
}

export function TrackingSearch({ noticeId, status, q }: { noticeId: string; status: TrackingStatus; q?: string | undefined }) {
  return (
    <form method="get" action={`/maintainer/notices/${noticeId}/tracking`} role="search" aria-label="Search organisations" className="flex flex-wrap items-end gap-2">
      {status !== "all" ? <input type="hidden" name="status" value={status} /> : null}
      <label className="text-sm font-medium text-slate-800">
        Organisation name
        <input type="search" name="q" defaultValue={q ?? ""} maxLength={120} className="mt-1 block w-64 max-w-full rounded-md border border-slate-300 px-3 py-1.5" />
      </label>
      <Button type="submit" variant="secondary">
        Search
      </Button>
      {q ? (
        <Link href={trackingHref(noticeId, { status })} className="py-2 text-sm text-indigo-700 underline">
          Clear search
        </Link>
      ) : null}
    </form>
  );
}

export function TrackingPager({ noticeId, status, q, paging }: { noticeId: string; status: TrackingStatus; q?: string | undefined; paging: TrackingPage }) {
  const { page, pages, pageSize, matching } = paging;
  if (matching === 0) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, matching);
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1 text-slate-800 hover:bg-slate-50";
  return (
    <nav aria-label="Pages of organisations" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-slate-700 tabular-nums">
        {first}–{last} of {matching}
      </p>
      {pages > 1 ? (
        <div className="flex items-center gap-2">
          {page > 1 ? (
            <Link href={trackingHref(noticeId, { status, q, page: page - 1 })} rel="prev" className={link}>
              ← Previous
            </Link>
          ) : null}
          <span className="text-slate-700 tabular-nums">
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link href={trackingHref(noticeId, { status, q, page: page + 1 })} rel="next" className={link}>
              Next →
            </Link>
          ) : null}
        </div>
      ) : null}
    </nav>
  );
}
