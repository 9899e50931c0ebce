"use client";

// Never shows the exception: only the digest, which the server log carries with the details.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-xl px-4 py-24 text-center sm:px-6 outline-none">
      <h1 className="text-3xl font-bold tracking-tight">Something went wrong</h1>
      <p className="mt-4 text-slate-700">
        The page could not be shown. Try again; if it keeps failing, tell your Forewarn administrator
        {error.digest ? (
          <>
            {" "}the reference <code className="rounded bg-slate-100 px-1 font-mono text-sm">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-8 rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
      >
        Try again
      </button>
    </main>
  );
}
