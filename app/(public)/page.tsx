import Link from "next/link";

const steps = [
  {
    title: "Maintainers write an advance notice",
    body: "Description, affected and fixed versions, remediation, patches and the disclosure date and time — kept as a draft until it is ready.",
  },
  {
    title: "Each distributor is told, privately",
    body: "Every addressed organisation gets its own email with a link — never the details in clear, never the other recipients.",
  },
  {
    title: "Vendors read and acknowledge",
    body: "Signed-in vendor members accept the embargo terms, read the notice and acknowledge it; maintainers see who has, live.",
  },
  {
    title: "The embargo lifts on time",
    body: "At the disclosure time the advisory is published with its feeds and exports. Until then it reaches no one else.",
  },
];

export default function LandingPage() {
  return (
    <>
      <section className="bg-white">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-24">
          <p className="text-sm font-semibold uppercase tracking-wide text-indigo-700">Embargoed vulnerability notices</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
            Warn your downstream distributors before disclosure — and no one else.
          </h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-700">
            Forewarn is the private advance-notification portal for open-source security teams. It replaces the
            hand-run mailing list of OS vendors, packagers and cloud providers with a confidential directory,
            embargoed notices, explicit acknowledgements and a disclosure that happens exactly on time.
          </p>
          <p className="mt-6 text-slate-700">
            Found a vulnerability?{" "}
            <Link href="/report" className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
              Report it privately
            </Link>
            .
          </p>
        </div>
      </section>
      <section aria-labelledby="how-heading" className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
        <h2 id="how-heading" className="text-2xl font-semibold tracking-tight">How it works</h2>
        <ol className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {steps.map((step, index) => (
            <li key={step.title} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <span className="text-sm font-semibold text-indigo-700">Step {index + 1}</span>
              <h3 className="mt-1 font-semibold text-slate-900">{step.title}</h3>
              <p className="mt-2 text-sm text-slate-700">{step.body}</p>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="trust-heading" className="mx-auto max-w-6xl px-4 pb-16 sm:px-6">
        <h2 id="trust-heading" className="text-2xl font-semibold tracking-tight">Built so that nothing leaks</h2>
        <ul className="mt-4 list-disc space-y-2 pl-5 text-slate-700">
          <li>The list of recipients is confidential: a vendor never learns who else is on it.</li>
          <li>Every view, download, acknowledgement and change is written to an append-only audit log.</li>
          <li>Runs on one machine with an embedded database, or on PostgreSQL behind several instances.</li>
        </ul>
      </section>
    </>
  );
}
