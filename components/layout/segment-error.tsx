"use client";
// What a page inside an area shows when it fails: the area's navigation stays, the exception does not show (only
// its digest, which the server log carries with the details), and the person can retry or go back to the area.
import Link from "next/link";

export function SegmentError({ error, reset, home }: { error: Error & { digest?: string }; reset: () => void; home: { href: string; label: string } }) {
  return (
    <section aria-labelledby="error-heading" className="mx-auto max-w-xl py-16 text-center">
      <h1 id="error-heading" className="text-2xl font-bold tracking-tight">
        Something went wrong
      </h1>
      <p className="mt-4 text-slate-700">
        This page could not be shown. Nothing you submitted was lost if you saw it confirmed. Try again; if it keeps failing, tell your Forewarn administrator
        {error.digest ? (
          <>
            {" "}the reference <code className="rounded bg-slate-100 px-1 font-mono text-sm">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <div className="mt-8 flex justify-center gap-3">
        <button type="button" onClick={reset} className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
          Try again
        </button>
        <Link href={home.href} className="rounded-md border border-slate-300 px-4 py-2 font-medium text-slate-900 hover:bg-slate-50">
          {home.label}
        </Link>
      </div>
    </section>
  );
}

/** "Missing" and "not yours" look the same, inside an area too. */
export function SegmentNotFound({ home }: { home: { href: string; label: string } }) {
  return (
    <section aria-labelledby="not-found-heading" className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-indigo-700">404</p>
      <h1 id="not-found-heading" className="mt-2 text-2xl font-bold tracking-tight">
        Not found
      </h1>
      <p className="mt-4 text-slate-700">There is nothing here, or nothing this account can see.</p>
      <Link href={home.href} className="mt-8 inline-block rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
        {home.label}
      </Link>
    </section>
  );
}
