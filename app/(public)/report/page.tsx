// The public report page (issue 13): how the project handles reports (the policy security.txt points to), and the
// form. Anyone may send a report; it reaches the maintainers only after the reporter confirms their address.
import type { Metadata } from "next";
import Link from "next/link";
import { ReportForm } from "@/components/reports/report-form";
import { getReportIntakeInfo } from "@/lib/reports/data";
import { POLICY_ANCHOR, REPORT_KEY_PATH } from "@/lib/reports/security-txt";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Report a vulnerability" };

const linkClass = "text-indigo-700 underline underline-offset-2 hover:text-indigo-900";

export default async function ReportPage() {
  const info = await getReportIntakeInfo();
  return (
    <div className="mx-auto max-w-4xl space-y-8 px-4 py-10 sm:px-6">
      <header>
        <p className="text-sm font-semibold uppercase tracking-wide text-indigo-700">{info.project} security</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">Report a security vulnerability</h1>
        <p className="mt-3 max-w-2xl text-slate-700">
          Found a flaw that could hurt {info.project}&apos;s users? Tell the maintainers here, privately — please not in a public issue tracker, forum or
          pull request.
        </p>
      </header>
      <section id={POLICY_ANCHOR} aria-labelledby="policy-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="policy-heading" className="text-lg font-semibold text-slate-900">
          How we handle your report
        </h2>
        <ol className="mt-3 list-decimal space-y-2 pl-5 text-slate-700">
          <li>You confirm your email address with the link we send you; until then the report reaches nobody, and unconfirmed reports are deleted after a day.</li>
          <li>The maintainers acknowledge it within {info.acknowledgeTargetHours} hours, and you can follow it and write to them from your own page.</li>
          <li>When a fix is planned, you are told the date and time the issue goes public, and every change of it.</li>
          <li>On disclosure day the public advisory credits you as you choose — by name, handle or organisation, or not at all.</li>
        </ol>
        <p className="mt-3 text-slate-700">Please keep the issue confidential until the advisory is published. We coordinate with downstream distributors so that fixes are ready on that day.</p>
        {info.securityAddress || info.key ? (
          <ul className="mt-3 space-y-1 text-sm text-slate-700">
            {info.securityAddress ? (
              <li>
                Prefer email? Write to{" "}
                <a className={linkClass} href={`mailto:${info.securityAddress}`}>
                  {info.securityAddress}
                </a>
                .
              </li>
            ) : null}
            {info.key ? (
              <li>
                Our OpenPGP key: <a className={linkClass} href={REPORT_KEY_PATH}>download</a>, fingerprint <span className="break-all font-mono">{info.key.fingerprint.replace(/(.{4})/g, "$1 ").trim()}</span>.
              </li>
            ) : null}
          </ul>
        ) : null}
      </section>
      <ReportForm reportKey={info.key} />
      <p className="text-sm text-slate-600">
        Already reported? <Link className={linkClass} href="/sign-in">Sign in</Link> with your email address to follow your reports.
      </p>
    </div>
  );
}
