// One approval request: the preview the requester saw, and — for another maintainer while it is open — approve or
// decline. Anyone else (and any id that is not a request) gets the plain 404.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DecideForms } from "@/components/approvals/decide-forms";
import { RequestCard } from "@/components/approvals/request-card";
import { Notice } from "@/components/ui/notice";
import { requireArea } from "@/lib/auth/guards";
import { getApprovalRequest } from "@/lib/approvals/data";
import { approvalReference } from "@/lib/approvals/mail";
import { NotFoundError } from "@/lib/server/errors";

type Props = { params: Promise<{ requestId: string }> };

export const metadata: Metadata = { title: "Approval request" };

export default async function ApprovalRequestPage({ params }: Props) {
  const { requestId } = await params;
  const viewer = await requireArea("maintainer", `/maintainer/approvals/${requestId}`);
  const request = await getApprovalRequest(viewer, requestId).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <div className="space-y-6">
      <Link href="/maintainer/approvals" className="text-sm text-indigo-700 underline">
        ← Approvals
      </Link>
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Approval request {approvalReference(request.id)}</h1>
      <RequestCard request={request} />
      {request.decide.ok ? (
        <DecideForms requestId={request.id} label={request.label} />
      ) : request.status === "PENDING" ? (
        <Notice tone="info">{request.decide.reason}</Notice>
      ) : null}
    </div>
  );
}
