// "Trace a leak" (maintainers with the second factor): paste a text or upload a file found in public, and learn which
// organisation (and member, for a download) that copy was served to. The form and its answer are TraceForm.
import type { Metadata } from "next";
import { TraceForm } from "@/components/tracing/trace-form";
import { PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Trace a leak" };

export default async function TracePage() {
  await requireArea("maintainer", "/maintainer/trace");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Trace a leak"
        description="Paste text or upload a file found in public before the disclosure date. Every copy served under embargo carries an invisible mark of the organisation it was served to (and, for a downloaded file, of the member): this page reads the marks and names the copy."
      />
      <TraceForm />
      <p className="max-w-3xl text-sm text-slate-600">
        What carries a mark: the notice page, the encrypted email, the API and the TLP:AMBER CSAF (per organisation), and downloaded patches, text files and archives (per member). A retyped text, a screenshot, or a copy passed through a tool that drops invisible characters carries none. Nothing you paste or upload here is kept; the audit log records that a trace was made and which organisations it named.
      </p>
    </div>
  );
}
