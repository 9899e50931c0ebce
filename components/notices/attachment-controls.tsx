"use client";
// A maintainer's controls for one file of a notice: publish it with the advisory (or take it back), and remove it
// while the notice is a draft or under embargo (a wrong upload). Both are audited on the server.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { removeAttachmentAction, setAttachmentPublicAction } from "@/lib/notices/attachment-actions";

type Props = { noticeId: string; attachmentId: string; filename: string; isPublic: boolean; removable: boolean; publishable: boolean };

export function AttachmentControls({ noticeId, attachmentId, filename, isPublic, removable, publishable }: Props) {
  const [published, publish, publishing] = useActionState(setAttachmentPublicAction, null);
  const [removed, remove, removing] = useActionState(removeAttachmentAction, null);
  const problem = (published && !published.ok ? published.error : null) ?? (removed && !removed.ok ? removed.error : null);
  return (
    <div className="mt-2 flex flex-wrap items-start gap-2">
      {publishable ? (
        <form action={publish}>
          <input type="hidden" name="noticeId" value={noticeId} />
          <input type="hidden" name="attachmentId" value={attachmentId} />
          <input type="hidden" name="public" value={isPublic ? "false" : "true"} />
          <Button type="submit" variant="secondary" className="px-3 py-1" disabled={publishing}>
            {publishing ? "Saving…" : isPublic ? "Keep private" : "Make public"}
            <span className="sr-only"> {filename}</span>
          </Button>
        </form>
      ) : null}
      {removable ? (
        <form
          action={remove}
          onSubmit={(event) => {
            if (!window.confirm(`Remove ${filename}? Recipients who downloaded it keep their copy; the audit log keeps its name and SHA-256.`)) event.preventDefault();
          }}
        >
          <input type="hidden" name="noticeId" value={noticeId} />
          <input type="hidden" name="attachmentId" value={attachmentId} />
          <Button type="submit" variant="danger" className="px-3 py-1" disabled={removing}>
            {removing ? "Removing…" : "Remove"}
            <span className="sr-only"> {filename}</span>
          </Button>
        </form>
      ) : null}
      {problem ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
