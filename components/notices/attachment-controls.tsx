"use client";
// A maintainer's controls for one file of a notice: publish it with the advisory (or take it back), and remove it
// while the notice is a draft or under embargo (a wrong upload). Both are audited on the server.
import { useActionState, useId } from "react";
import { Button } from "@/components/ui/button";
import { removeAttachmentAction, setAttachmentPublicAction } from "@/lib/notices/attachment-actions";

/** `approval`: the two-person rule covers publishing a file: making it public files a request, with a reason. */
type Props = { noticeId: string; attachmentId: string; filename: string; isPublic: boolean; removable: boolean; publishable: boolean; approval?: boolean };

export function AttachmentControls({ noticeId, attachmentId, filename, isPublic, removable, publishable, approval = false }: Props) {
  const id = useId();
  const asking = approval && !isPublic;
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
          {asking ? (
            <span className="mb-2 block">
              <label htmlFor={`${id}-why`} className="block text-sm font-medium text-slate-800">
                Why publish it (a second maintainer approves)
              </label>
              <input id={`${id}-why`} name="approvalReason" required minLength={3} maxLength={1000} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1 text-sm" />
            </span>
          ) : null}
          <Button type="submit" variant="secondary" className="px-3 py-1" disabled={publishing}>
            {publishing ? "Saving…" : isPublic ? "Keep private" : asking ? "Ask for approval to publish" : "Make public"}
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
      {published?.ok && published.message && published.message !== "Saved." ? (
        <p role="status" className="w-full text-sm text-emerald-800">
          {published.message}
        </p>
      ) : null}
      {problem ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
