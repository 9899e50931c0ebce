// What happened to a report, as its sender is told: when it was sent and confirmed, every status change and every
// date the maintainers set or moved (each with the reason they chose to share), oldest first, times with their zone.
import type { ReportStatus, ReportUpdateKind } from "@/generated/prisma/enums";
import { REPORT_STATUS_LABELS } from "@/lib/reports/policy";
import { Time } from "@/components/ui/time";

type Update = { id: string; kind: ReportUpdateKind; status: ReportStatus | null; disclosureAt: Date | null; message: string | null; at: Date };

function what(u: Update): React.ReactNode {
  const date = u.disclosureAt ? <Time value={u.disclosureAt} /> : null;
  switch (u.kind) {
    case "STATUS":
      return u.status ? `Status: ${REPORT_STATUS_LABELS[u.status]}` : "Status changed";
    case "DATE_SET":
      return date ? <>Planned disclosure set for {date}</> : "Planned disclosure date set";
    case "DATE_CHANGED":
      return date ? <>Planned disclosure moved to {date}</> : "Planned disclosure date moved";
    case "EMBARGO_ENDED":
      return date ? <>Embargo ended early: public from {date}</> : "Embargo ended early";
    case "WITHDRAWN":
      return "The advisory was withdrawn: it will not be published";
    case "DISCLOSED":
      return "Disclosed: the advisory is public";
  }
}

export function ReporterTimeline({ submittedAt, confirmedAt, updates }: { submittedAt: Date; confirmedAt: Date | null; updates: Update[] }) {
  return (
    <ol className="space-y-3 border-l-2 border-slate-200 pl-4" aria-label="Timeline">
      <li>
        <p className="text-sm text-slate-700">
          <Time value={submittedAt} />
        </p>
        <p className="text-slate-900">You sent the report</p>
      </li>
      {confirmedAt ? (
        <li>
          <p className="text-sm text-slate-700">
            <Time value={confirmedAt} />
          </p>
          <p className="text-slate-900">You confirmed your address: the security team received it</p>
        </li>
      ) : null}
      {updates.map((u) => (
        <li key={u.id}>
          <p className="text-sm text-slate-700">
            <Time value={u.at} />
          </p>
          <p className="text-slate-900">{what(u)}</p>
          {u.message ? (
            <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">
              <span className="font-medium">{u.kind === "STATUS" ? "From the security team: " : "Reason: "}</span>
              {u.message}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
