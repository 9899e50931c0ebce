// The report's confirmation link lands here. GET changes nothing (mail scanners fetch links): the reporter presses
// "Confirm and sign in", whose POST confirms the report and signs them in (lib/reports/intake-actions.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { ReportConfirmForm } from "@/components/reports/report-confirm-form";
import { CONFIRM_ERRORS, getReportConfirmation } from "@/lib/reports/data";

export const dynamic = "force-dynamic";
// The token is in the address: it must not leak through a Referer header.
export const metadata: Metadata = { title: "Confirm your report", referrer: "no-referrer" };

export default async function ConfirmReportPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const confirmation = await getReportConfirmation(token);
  return (
    <div className="mx-auto max-w-lg px-4 py-12 sm:px-6">
      <Card>
        <h1 className="text-xl font-bold tracking-tight">Confirm your vulnerability report</h1>
        {confirmation.state === "ready" ? (
          <>
            <p className="mt-2 text-slate-700">
              Confirm report <strong>{confirmation.reference}</strong>: it then reaches the maintainers, and you are signed in to follow it.
            </p>
            <ReportConfirmForm token={token} />
            <p className="mt-4 text-sm text-slate-600">Did not send this report? Close this page: it is deleted within a day.</p>
          </>
        ) : (
          <div className="mt-4 space-y-4">
            <Notice tone="error" title={confirmation.state === "expired" ? "This link has expired" : "This link does not work"}>
              {CONFIRM_ERRORS[confirmation.state]}
            </Notice>
            <p className="text-sm text-slate-700">
              <Link href="/sign-in" className="text-indigo-700 underline">
                Sign in
              </Link>{" "}
              or{" "}
              <Link href="/report" className="text-indigo-700 underline">
                send a new report
              </Link>
              .
            </p>
          </div>
        )}
      </Card>
    </div>
  );
}
