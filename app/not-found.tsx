import Link from "next/link";

// Says nothing about what was asked for: "missing" and "not yours" look the same.
export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-xl px-4 py-24 text-center sm:px-6 outline-none">
      <p className="text-sm font-semibold text-indigo-700">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Page not found</h1>
      <p className="mt-4 text-slate-700">There is nothing here, or you are not signed in with an account that can see it.</p>
      <Link href="/" className="mt-8 inline-block rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
        Go to the start page
      </Link>
    </main>
  );
}
