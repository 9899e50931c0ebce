"use client";
// Attaching a patch or another file to a notice (maintainers). Checked on the server by content and extension; the
// SHA-256 is shown once stored.
import { useActionState, useId, useState } from "react";
import { addAttachmentAction } from "@/lib/notices/attachment-actions";
import { Button } from "@/components/ui/button";
import { MAX_ATTACHMENT_BYTES } from "@/lib/notices/uploads";

export function AttachmentUpload({ noticeId }: { noticeId: string }) {
  const [state, formAction, pending] = useActionState(addAttachmentAction, null);
  const id = useId();
  // A file over the limit is refused here, before minutes of uploading end in the same refusal from the server.
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        const file = (event.currentTarget.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
        const refusal = file && file.size > MAX_ATTACHMENT_BYTES ? `${file.name} is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB: nothing was uploaded.` : null;
        setTooLarge(refusal);
        if (refusal) event.preventDefault();
      }}
      className="mt-4 space-y-3 rounded-lg border border-dashed border-slate-300 p-4">
      <input type="hidden" name="noticeId" value={noticeId} />
      <div>
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
          Attach a file
        </label>
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          Patches (.patch, .diff), text, signatures (.asc, .sig), archives (.tar.gz, .tgz, .zip) or PDF; 10 MB at most.
        </p>
        <input id={`${id}-file`} type="file" name="file" required aria-describedby={`${id}-hint`} className="mt-2 block w-full text-sm" />
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" name="public" className="h-4 w-4" /> Publish with the advisory once disclosed
      </label>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Uploading…" : "Attach"}
        </Button>
        {tooLarge ? (
          <span role="alert" className="text-sm text-red-700">
            {tooLarge}
          </span>
        ) : state && !state.ok ? (
          <span role="alert" className="text-sm text-red-700">
            {state.fieldErrors?.file?.join(" ") ?? state.error}
          </span>
        ) : null}
        {state?.ok && !tooLarge ? (
          <span role="status" className="break-all text-sm text-green-800">
            {state.message} SHA-256 {state.data.sha256}
          </span>
        ) : null}
      </div>
    </form>
  );
}
