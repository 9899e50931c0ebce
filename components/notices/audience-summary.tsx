// Who a notice is for and how it is sent: the audience (all active organisations, or the chosen ones), whether the
// full text goes encrypted, how many organisations received it and when, and a longer embargo's reason.
import { Time } from "@/components/ui/time";

type AudienceNotice = {
  audience: "ALL_ACTIVE" | "SELECTED";
  audienceOrgs: Array<{ organisation: { id: string; name: string; status: string } }>;
  encryptFullText: boolean;
  state: string;
  sentAt: Date | null;
  embargoOverrideReason: string | null;
  _count: { recipients: number };
};

export function AudienceSummary({ notice }: { notice: AudienceNotice }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
      <div>
        <dt className="text-slate-600">Audience</dt>
        <dd>
          {notice.audience === "ALL_ACTIVE" ? (
            "All active organisations"
          ) : (
            <>
              Selected organisations ({notice.audienceOrgs.length})
              <ul className="mt-1 list-disc pl-5">
                {notice.audienceOrgs.map(({ organisation: o }) => (
                  <li key={o.id}>
                    {o.name}
                    {o.status !== "ACTIVE" ? <span className="text-amber-800"> ({o.status.toLowerCase()})</span> : null}
                  </li>
                ))}
              </ul>
            </>
          )}
        </dd>
      </div>
      <div>
        <dt className="text-slate-600">Full text by email</dt>
        <dd>{notice.encryptFullText ? "OpenPGP-encrypted to organisations with a key; link only to the others" : "Link only, for everyone"}</dd>
      </div>
      {notice.state !== "DRAFT" ? (
        <div>
          <dt className="text-slate-600">Recipients</dt>
          <dd className="tabular-nums">{notice._count.recipients} organisations</dd>
        </div>
      ) : null}
      {notice.sentAt ? (
        <div>
          <dt className="text-slate-600">Sent</dt>
          <dd>
            <Time value={notice.sentAt} />
          </dd>
        </div>
      ) : null}
      {notice.embargoOverrideReason ? (
        <div>
          <dt className="text-slate-600">Longer embargo, by exception</dt>
          <dd className="break-words">{notice.embargoOverrideReason}</dd>
        </div>
      ) : null}
    </dl>
  );
}
