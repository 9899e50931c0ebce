import { SegmentNotFound } from "@/components/layout/segment-error";

export default function AreaNotFound() {
  return <SegmentNotFound home={{ href: "/vendor", label: "Back to your notices" }} />;
}
