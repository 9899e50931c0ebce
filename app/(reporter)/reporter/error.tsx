"use client";
import { SegmentError } from "@/components/layout/segment-error";

export default function AreaError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SegmentError error={error} reset={reset} home={{ href: "/reporter", label: "Back to your reports" }} />;
}
