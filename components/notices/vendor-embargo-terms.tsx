// The embargo terms of one notice, shown before a member may read it, and its conditions again beside the full text.
// Accepting is a logged click-through (lib/notices/data/vendor.ts#acceptNoticeTerms), once per person and notice.
import { ActionForm } from "@/components/ui/action-form";
import { Card, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import { acceptNoticeTermsAction } from "@/lib/notices/vendor-actions";
import { VendorStateBadge } from "./vendor-badges";
import { VendorTimeLeft } from "./vendor-time-left";

type Conditions = { state: string; disclosureAt: Date; disclosedAt: Date | null; deployBeforeDisclosure: boolean; patchEmbargoed: boolean; embargoNotes: string };

/**
 * What this notice allows before its disclosure time. Once it is disclosed, nothing is held back any more: the list
 * says so instead of naming a time that has passed (after "end embargo now" it may be days before the planned one).
 */
export function VendorEmbargoConditions({ notice }: { notice: Conditions }) {
  if (notice.state === "DISCLOSED") {
    return (
      <ul className="list-disc space-y-2 pl-5 text-sm text-slate-800">
        <li>
          <strong>The embargo is over:</strong> the issue is public since <Time value={notice.disclosedAt ?? notice.disclosureAt} />. Fixes may be
          deployed and the patches published.
        </li>
        {notice.embargoNotes.trim() ? (
          <li>
            <strong>The maintainers&apos; conditions for the embargo were:</strong>
            <p className="mt-1 break-words whitespace-pre-line">{notice.embargoNotes}</p>
          </li>
        ) : null}
      </ul>
    );
  }
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
          <p className="mt-1 break-words whitespace-pre-line">{notice.embargoNotes}</p>
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
      <PageHeader title={notice.reference} description={`An advance notice addressed to your organisation. Accept its ${disclosed ? "" : "embargo "}terms to read it.`} />
      <Card>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600">Reference</dt>
          <dd className="font-mono">{notice.reference}</dd>
          <dt className="text-slate-600">State</dt>
          <dd>
            <VendorStateBadge state={notice.state} />
          </dd>
          <dt className="text-slate-600">{disclosed ? "Public since" : "Disclosure"}</dt>
          <dd>
            <Time value={notice.disclosedAt ?? notice.disclosureAt} />
            <span className="block font-medium text-slate-900">
              <VendorTimeLeft disclosureAt={notice.disclosureAt} disclosed={disclosed} serverNow={now} />
            </span>
          </dd>
        </dl>
      </Card>
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">{disclosed ? "Terms" : "Embargo terms"} for {notice.reference}</h2>
        {disclosed ? (
          <>
            <Notice tone="info">
              This issue is public since <Time value={notice.disclosedAt ?? notice.disclosureAt} />: the embargo is over.
            </Notice>
            <p className="text-sm text-slate-800">By reading this notice you agree that:</p>
            <ul className="list-disc space-y-2 pl-5 text-sm text-slate-800">
              <li>
                <strong>What is not public stays need to know.</strong> Files and details that the public advisory does not carry, and your
                organisation&apos;s exchanges with the maintainers, stay inside your security team.
              </li>
            </ul>
          </>
        ) : (
          <>
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
          </>
        )}
        <h3 className="font-semibold">This notice&apos;s conditions</h3>
        <VendorEmbargoConditions notice={notice} />
        {disclosed ? (
          <p className="text-sm text-slate-700">Your acceptance is recorded with your name and the time.</p>
        ) : (
          <p className="text-sm text-slate-700">
            If the embargo has to end early (for example, because the issue is exploited in the wild) the maintainers tell you, and the new time
            applies. Your acceptance is recorded with your name and the time.
          </p>
        )}
        <ActionForm action={acceptNoticeTermsAction} fields={{ noticeId: notice.id }} label="I accept these terms" pendingLabel="Accepting…" variant="primary" />
      </Card>
    </div>
  );
}
