import { SegmentNotFound } from "@/components/layout/segment-error";

export default function AreaNotFound() {
  return <SegmentNotFound home={{ href: "/reporter", label: "Back to your reports" }} />;
}
