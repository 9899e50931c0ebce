// On an object's page (a notice): the requests about it that wait for a second maintainer, and any action done on it
// without approval (break-glass), marked loudly.
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import type { ApprovalRequestView } from "@/lib/approvals/data";

export function TargetRequests({ requests }: { requests: ApprovalRequestView[] }) {
  const open = requests.filter((r) => !r.breakGlass);
  const glass = requests.filter((r) => r.breakGlass);
  return (
    <>
      {glass.map((r) => (
        <Notice key={r.id} tone="error" title={`${r.label}: done without a second maintainer (break-glass)`}>
          By {r.requestedByEmail} <Time value={r.createdAt} />. Their reason: <span className="break-words whitespace-pre-line">{r.reason}</span>{" "}
          <Link href={`/maintainer/approvals/${r.id}`} className="underline">
            Details
          </Link>
        </Notice>
      ))}
      {open.length ? (
        <Notice tone="warning" title="Waiting for a second maintainer">
          <ul className="list-disc pl-5">
            {open.map((r) => (
              <li key={r.id}>
                <Link href={`/maintainer/approvals/${r.id}`} className="underline">
                  {r.label}
                </Link>{" "}
                asked by {r.requestedByEmail} <Time value={r.createdAt} />, open until <Time value={r.expiresAt} />
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
    </>
  );
}
