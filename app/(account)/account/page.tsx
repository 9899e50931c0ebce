import type { Metadata } from "next";
import Link from "next/link";
import { EndSessionButton } from "@/components/account/end-session-button";
import { RegenerateRecoveryCodes } from "@/components/account/recovery-codes";
import { Card, PageHeader } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { listMySessions } from "@/lib/auth/data";
import { recoveryCodesLeft } from "@/lib/second-factor/data";
import { requireArea } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const viewer = await requireArea("account", "/account");
  const [sessions, codesLeft] = await Promise.all([listMySessions(viewer), viewer.totpEnrolled ? recoveryCodesLeft(viewer) : Promise.resolve(0)]);
  return (
    <div className="space-y-6">
      <PageHeader title="Your account" description={viewer.kind === "vendor" ? `${viewer.email} · ${viewer.organisationName}` : `${viewer.email} · maintainer`} />
      <Card>
        <h2 className="font-semibold">Second factor</h2>
        {viewer.totpEnrolled ? (
          <div className="mt-2">
            <p className="mb-3 text-sm text-slate-700">An authenticator app protects this account.</p>
            <RegenerateRecoveryCodes left={codesLeft} />
          </div>
        ) : (
          <div className="mt-2 text-sm text-slate-700">
            <p>Not set up. A second factor keeps your account safe even if someone reads your email.</p>
            <Link href="/sign-in/second-factor?next=/account" className="mt-3 inline-block font-medium text-indigo-700 underline">
              Set up a second factor
            </Link>
          </div>
        )}
      </Card>
      <Card>
        <h2 className="font-semibold">Where you are signed in</h2>
        <p className="mt-1 text-sm text-slate-700">End any session you do not recognise; it stops working at its next request.</p>
        <ul className="mt-4 divide-y divide-slate-100">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
              <div>
                <p className="font-medium">
                  {s.userAgent ? s.userAgent.slice(0, 80) : "Unknown browser"}
                  {s.current ? <span className="ml-2 rounded bg-green-100 px-2 py-0.5 text-xs text-green-800">this browser</span> : null}
                </p>
                <p className="text-slate-600">
                  From {s.ipAddress ?? "unknown address"} · signed in <Time value={s.createdAt} /> · last active <Time value={s.lastSeenAt} /> · ends by{" "}
                  <Time value={s.absoluteExpiresAt} />
                </p>
              </div>
              {s.current ? null : <EndSessionButton sessionId={s.id} />}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
