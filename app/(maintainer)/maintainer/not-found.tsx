import { SegmentNotFound } from "@/components/layout/segment-error";

export default function AreaNotFound() {
  return <SegmentNotFound home={{ href: "/maintainer/notices", label: "Back to the notices" }} />;
}
