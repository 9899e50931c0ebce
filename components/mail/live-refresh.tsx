"use client";
// While a send still has queued emails, the page asks the server for fresh data every two seconds. The page renders
// this only while something is queued, so it stops (unmounts) by itself once every email is settled. A hidden tab
// does not poll.
import { useEffect } from "react";
import { useRouter } from "next/navigation";

export function LiveRefresh({ intervalMs = 2_000 }: { intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [router, intervalMs]);
  return (
    <p className="inline-flex items-center gap-2 text-sm text-slate-700">
      <span aria-hidden="true" className="relative inline-flex size-2.5">
        <span className="absolute inline-flex size-full animate-ping rounded-full bg-green-500 opacity-75 motion-reduce:animate-none" />
        <span className="relative inline-flex size-2.5 rounded-full bg-green-600" />
      </span>
      updating live
    </p>
  );
}
