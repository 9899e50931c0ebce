import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EnrolForm, VerifyForms } from "@/components/auth/second-factor-forms";
import { Card } from "@/components/ui/card";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { getEnrolment } from "@/lib/second-factor/data";
import { getConfig } from "@/lib/server/config";
import { homeFor } from "@/lib/auth/guards";
import { getViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Second factor" };

export default async function SecondFactorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  if (viewer.kind === "anonymous") redirect("/sign-in");
  const raw = (await searchParams).next;
  const next = safeCallbackPath(typeof raw === "string" ? raw : homeFor(viewer), getConfig().publicUrl);
  // A reporter's account has no second factor (the emailed link is its whole sign-in): straight on.
  if (viewer.secondFactor || viewer.kind === "reporter") redirect(next);
  const enrolment = await getEnrolment(viewer);

  if (enrolment.enrolled) {
    return (
      <Card>
        <h1 className="text-xl font-bold tracking-tight">Enter your second factor</h1>
        <p className="mt-2 text-sm text-slate-700">Open your authenticator app and enter the current code for Forewarn ({viewer.email}).</p>
        <div className="mt-6">
          <VerifyForms next={next} />
        </div>
      </Card>
    );
  }
  return (
    <Card>
      <h1 className="text-xl font-bold tracking-tight">Set up your second factor</h1>
      {/* The code and the key are the form's to show: once the factor is on, only the recovery codes stay on screen. */}
      <EnrolForm next={next}>
        <p className="mt-2 text-sm text-slate-700">
          {viewer.kind === "maintainer" ? "Maintainers must use" : "Your account uses"} a time-based code (TOTP) in addition to the
          emailed link. Scan this code with an authenticator app (1Password, Aegis, Google Authenticator, …), then enter the
          6-digit code it shows.
        </p>
        <div className="mt-6 flex flex-col items-center gap-3 sm:flex-row sm:items-start">
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL generated on the server */}
          <img src={enrolment.qrDataUrl} alt="QR code for your authenticator app" width={180} height={180} className="rounded border border-slate-200" />
          <div className="text-sm text-slate-700">
            <p>Cannot scan? Enter this key by hand:</p>
            <code className="mt-1 block break-all rounded bg-slate-100 p-2 font-mono text-slate-900">{enrolment.secret}</code>
          </div>
        </div>
      </EnrolForm>
    </Card>
  );
}
