import { SegmentNotFound } from "@/components/layout/segment-error";

export default function AreaNotFound() {
  return <SegmentNotFound home={{ href: "/advisories", label: "All advisories" }} />;
}
