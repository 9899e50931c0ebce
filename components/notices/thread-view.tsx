// A private thread: messages oldest first, each with its author and time (UTC + local).
import { Time } from "@/components/ui/time";

export type ThreadMessage = { id: string; from: string; fromMaintainer: boolean; body: string; at: Date };

export function ThreadView({ messages, emptyText }: { messages: ThreadMessage[]; emptyText: string }) {
  if (messages.length === 0) return <p className="text-sm text-slate-600">{emptyText}</p>;
  return (
    <ol className="space-y-3" aria-label="Messages">
      {messages.map((m) => (
        <li key={m.id} className={`rounded-lg border p-3 ${m.fromMaintainer ? "border-indigo-200 bg-indigo-50" : "border-slate-200 bg-white"}`}>
          <p className="text-sm text-slate-700">
            <span className="font-medium text-slate-900">{m.from}</span> · <Time value={m.at} />
          </p>
          {/* Plain text: messages are shown as written, never rendered as HTML. */}
          <p className="mt-1 whitespace-pre-wrap break-words text-slate-900">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}
