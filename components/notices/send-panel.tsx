// The draft's "Send" card: exactly what sending would queue — per organisation, the people (and how many of them
// have not signed in yet), the role address and the emails — and the organisations the audience names that it would
// skip, each fixable in place (an invited organisation can be activated from here).
import Link from "next/link";
import { ActivateButton } from "@/components/directory/activation-prompt";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import type { SendPreview } from "@/lib/notices/data";
import { SendForm } from "./send-form";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const SKIP_REASON = {
  INVITED: "invited, not active yet: receives nothing until activated",
  SUSPENDED: "suspended: receives nothing",
  REMOVED: "removed: receives nothing",
} as const;

function SkippedList({ skipped }: { skipped: SendPreview["skipped"] }) {
  if (skipped.length === 0) return null;
  return (
    <Notice tone="warning" title={`${plural(skipped.length, "organisation")} would not receive this notice`}>
      <ul className="mt-2 space-y-2">
        {skipped.map((o) => (
          <li key={o.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <Link href={`/maintainer/directory/${o.id}`} className="font-medium underline">
              {o.name}
            </Link>
            <span>{SKIP_REASON[o.status]}</span>
            {o.status === "INVITED" ? <ActivateButton organisationId={o.id} name={o.name} /> : null}
          </li>
        ))}
      </ul>
    </Notice>
  );
}

export function SendPanel({ notice, preview, overridable, now, approval = false }: { notice: { id: string; reference: string }; preview: SendPreview; overridable: boolean; now: Date; approval?: boolean }) {
  const base = `/maintainer/notices/${notice.id}`;
  const roleAddresses = preview.targets.filter((t) => t.roleAddress).length;
  return (
    <Card className="space-y-4">
      <h3 className="text-lg font-semibold">Send</h3>
      <p className="text-sm text-slate-700">
        Sending freezes the recipients below and emails every invited or active member and every role address individually — people who have not signed in yet too, with how to get in (the reference, the
        disclosure time and a link; never the details in clear). The notice is disclosed automatically at its time.
      </p>
      <SkippedList skipped={preview.skipped} />
      {preview.targets.length === 0 ? (
        <Notice tone="error">No active organisation would receive this notice. Activate organisations above or in the directory, or choose others.</Notice>
      ) : (
        <div className="overflow-x-auto rounded-md border border-slate-200" tabIndex={0} role="region" aria-label="Recipients if sent now">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Organisations that would receive the notice if it were sent now, and the emails each would get</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">Organisation</th>
                <th scope="col" className="px-3 py-2 text-right">People</th>
                <th scope="col" className="px-3 py-2 text-right">Not signed in yet</th>
                <th scope="col" className="px-3 py-2">Role address</th>
                <th scope="col" className="px-3 py-2 text-right">Emails</th>
                <th scope="col" className="px-3 py-2">Full text</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {preview.targets.map((t) => (
                <tr key={t.id} className="align-top">
                  <th scope="row" className="min-w-48 px-3 py-2 text-left font-medium">
                    <Link href={`/maintainer/directory/${t.id}`} className="text-indigo-700 underline decoration-indigo-300 underline-offset-2">
                      {t.name}
                    </Link>
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{t.people}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{t.notSignedIn}</td>
                  <td className="px-3 py-2">{t.roleAddress ? "set" : <span className="text-slate-600">none</span>}</td>
                  <td className={`px-3 py-2 text-right tabular-nums ${t.emails === 0 ? "font-semibold text-red-800" : ""}`}>
                    {t.emails}
                    {t.emails === 0 ? <span className="block text-xs font-normal">nobody to email</span> : null}
                  </td>
                  <td className="min-w-56 px-3 py-2 [&_time>span]:block">
                    {t.encrypted ? (
                      <>
                        OpenPGP-encrypted
                        {t.pgpExpiresAt ? (
                          <span className={`block text-xs ${t.pgpExpiresAt <= now ? "font-semibold text-red-800" : "text-slate-600"}`}>
                            key {t.pgpExpiresAt <= now ? "expired" : "expires"} <Time value={t.pgpExpiresAt} />
                          </span>
                        ) : null}
                      </>
                    ) : (
                      <span className="text-slate-700">link only</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot className="bg-slate-50 font-medium">
              <tr>
                <th scope="row" className="px-3 py-2 text-left">
                  {plural(preview.targets.length, "organisation")}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{preview.people}</td>
                <td className="px-3 py-2 text-right tabular-nums">{preview.notSignedIn}</td>
                <td className="px-3 py-2">{plural(roleAddresses, "role address", "role addresses")}</td>
                <td className="px-3 py-2 text-right tabular-nums">{preview.emails}</td>
                <td className="px-3 py-2">emails in all</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {preview.embargo.warnings.length > 0 ? (
        <Notice tone="warning" title="Before you send">
          <ul className="list-disc pl-5">
            {preview.embargo.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {preview.embargo.blocking ? (
        <Notice tone="error" title="Not ready to send">
          {preview.embargo.blocking}
          {!overridable ? (
            <>
              {" "}
              <Link href={`${base}/edit`} className="underline">
                Edit the draft
              </Link>
              .
            </>
          ) : null}
        </Notice>
      ) : null}
      <SendForm
        noticeId={notice.id}
        reference={notice.reference}
        organisations={preview.targets.length}
        people={preview.people}
        notSignedIn={preview.notSignedIn}
        roleAddresses={roleAddresses}
        emails={preview.emails}
        blocking={preview.embargo.blocking}
        overridable={overridable}
        approval={approval}
      />
    </Card>
  );
}
