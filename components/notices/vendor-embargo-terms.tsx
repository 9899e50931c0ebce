// The embargo terms of one notice, shown before a member may read it, and its conditions again beside the full text.
// Accepting is a logged click-through (lib/notices/data/vendor.ts#acceptNoticeTerms), once per person and notice.
import { ActionForm } from "@/components/ui/action-form";
import { Card, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import { acceptNoticeTermsAction } from "@/lib/notices/vendor-actions";
import { VendorStateBadge } from "./vendor-badges";
import { VendorTimeLeft } from "./vendor-time-left";

type Conditions = { disclosureAt: Date; deployBeforeDisclosure: boolean; patchEmbargoed: boolean; embargoNotes: string };

/** What this notice allows before its disclosure time. */
export function VendorEmbargoConditions({ notice }: { notice: Conditions }) {
  return (
    <ul className="list-disc space-y-2 pl-5 text-sm text-slate-800">
      <li>
        {notice.deployBeforeDisclosure ? (
          <>
            <strong>Deploying fixes before the disclosure time is allowed</strong> for this notice, to your own systems and
            customers, as long as the release does not describe or hint at the issue.
          </>
        ) : (
          <>
            <strong>Do not deploy fixes before the disclosure time</strong> (<Time value={notice.disclosureAt} />): prepare and test
            them privately.
          </>
        )}
      </li>
      <li>
        {notice.patchEmbargoed ? (
          <>
            <strong>The patches are under embargo too:</strong> do not publish them, push them to public repositories or build them on
            public infrastructure before the disclosure time.
          </>
        ) : (
          <>
            <strong>The patches themselves are not embargoed</strong>, but what they fix is: do not connect them with this issue in
            public before the disclosure time.
          </>
        )}
      </li>
      {notice.embargoNotes.trim() ? (
        <li>
          <strong>Further conditions from the maintainers:</strong>
          <p className="mt-1 whitespace-pre-line break-words">{notice.embargoNotes}</p>
        </li>
      ) : null}
    </ul>
  );
}

type TermsView = Conditions & { id: string; reference: string; state: string };

export function VendorEmbargoTerms({ notice, now }: { notice: TermsView; now: Date }) {
  const disclosed = notice.state === "DISCLOSED";
  return (
    <div className="space-y-6">
      <PageHeader title={notice.reference} description="An advance notice addressed to your organisation. Accept its embargo terms to read it." />
      <Card>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600">Reference</dt>
          <dd className="font-mono">{notice.reference}</dd>
          <dt className="text-slate-600">State</dt>
          <dd>
            <VendorStateBadge state={notice.state} />
          </dd>
          <dt className="text-slate-600">Disclosure</dt>
          <dd>
            <Time value={notice.disclosureAt} />
            <span className="block font-medium text-slate-900">
              <VendorTimeLeft disclosureAt={notice.disclosureAt} disclosed={disclosed} serverNow={now} />
            </span>
          </dd>
        </dl>
      </Card>
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Embargo terms for {notice.reference}</h2>
        {disclosed ? (
          <Notice tone="info">This issue has been disclosed and the embargo has ended. The notice is shown after the same terms as before.</Notice>
        ) : null}
        <p className="text-sm text-slate-800">Until the disclosure time, by reading this notice you agree that:</p>
        <ul className="list-disc space-y-2 pl-5 text-sm text-slate-800">
          <li>
            <strong>Need to know only.</strong> You share it only inside your organisation&apos;s security team, and only with the people who
            need it to assess the issue or prepare a fix.
          </li>
          <li>
            <strong>Nothing public, nothing hinted.</strong> No public commits, bug reports, advisories, release notes, mailing-list or social
            media posts — nothing that reveals or hints at the issue — before <Time value={notice.disclosureAt} />.
          </li>
        </ul>
        <h3 className="font-semibold">This notice&apos;s conditions</h3>
        <VendorEmbargoConditions notice={notice} />
        <p className="text-sm text-slate-700">
          If the embargo has to end early (for example, because the issue is exploited in the wild) the maintainers tell you, and the new time
          applies. Your acceptance is recorded with your name and the time.
        </p>
        <ActionForm action={acceptNoticeTermsAction} fields={{ noticeId: notice.id }} label="I accept these terms" pendingLabel="Accepting…" variant="primary" />
      </Card>
    </div>
  );
}
