// One organisation's private thread about one notice (maintainers): read and answer. The organisation is told by a
// link; no other organisation ever sees it.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ThreadForm } from "@/components/notices/thread-form";
import { ThreadView } from "@/components/notices/thread-view";
import { Card } from "@/components/ui/card";
import { getThread } from "@/lib/notices/data";
import { postMaintainerMessageAction } from "@/lib/notices/thread-actions";
import { NotFoundError } from "@/lib/server/errors";
import { requireArea } from "@/lib/auth/guards";
import { loadNotice } from "../../load-notice";

type Params = { params: Promise<{ noticeId: string; recipientId: string }> };

function orNotFound(error: unknown): never {
  if (error instanceof NotFoundError) notFound();
  throw error;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const notice = await loadNotice((await params).noticeId).catch(() => null);
  return { title: notice ? `Thread · ${notice.reference}` : "Not found" };
}

export default async function ThreadPage({ params }: Params) {
  const { noticeId, recipientId } = await params;
  const viewer = await requireArea("maintainer", `/maintainer/notices/${noticeId}/threads/${recipientId}`);
  const notice = await loadNotice(noticeId).catch(orNotFound);
  const thread = await getThread(viewer, notice.id, recipientId).catch(orNotFound);
  return (
    <div className="space-y-6">
      <Link href={`/maintainer/notices/${notice.id}/tracking`} className="text-sm text-indigo-700 underline">
        ← Tracking of {notice.reference}
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">
        {thread.organisation} · <span className="font-mono text-lg">{notice.reference}</span>
      </h1>
      <Card className="space-y-3">
        <ThreadView messages={thread.messages.map((m) => ({ id: m.id, from: m.fromMaintainer ? `${m.author} (maintainer)` : m.author, fromMaintainer: m.fromMaintainer, body: m.body, at: m.at }))} emptyText="No messages yet." />
        {notice.state === "EMBARGOED" || notice.state === "DISCLOSED" ? (
          <ThreadForm action={postMaintainerMessageAction} fields={{ noticeId: notice.id, recipientId }} label={`Answer ${thread.organisation}`} hint={`Only ${thread.organisation} reads this: name no other organisation.`} />
        ) : null}
      </Card>
    </div>
  );
}
