import type { Metadata } from "next";
import Link from "next/link";
import { VendorNoticeList } from "@/components/notices/vendor-notice-list";
import { Card, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { getMyOrganisation } from "@/lib/directory/data";
import { listVendorNotices } from "@/lib/notices/data";
import { requireArea } from "@/lib/auth/guards";
import { getSigningState } from "@/lib/signing/data";
import { getConfig } from "@/lib/server/config";
import { ProjectKeyNote } from "@/components/signing/project-key-note";

export const metadata: Metadata = { title: "Home" };

export default async function VendorHome() {
  const viewer = await requireArea("vendor", "/vendor");
  const org = await getMyOrganisation(viewer);
  const [notices, signing] = await Promise.all([listVendorNotices(viewer), getSigningState()]);
  const now = new Date();
  return (
    <div className="space-y-6">
      <PageHeader title={org.name} description="Advance notices of security vulnerabilities addressed to your organisation." />
      {org.status === "INVITED" ? (
        <Notice tone="warning" title="Your organisation's access is being set up">
          The project&apos;s maintainers have invited {org.name} but not activated it yet. You will see notices once they do.
        </Notice>
      ) : null}
      <Card>
        <h2 id="notices" className="scroll-mt-4 font-semibold">
          Notices addressed to {org.name}
        </h2>
        {notices.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">
            Nothing is addressed to {org.name} at the moment. When a notice is sent to your organisation you receive an email with a
            link, and it is listed here.
          </p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-700">
              A notice under embargo is confidential until its disclosure time: share it only with the people in your security team who
              need it. Those still under embargo come first, the soonest disclosure at the top.
            </p>
            <div className="mt-4">
              <VendorNoticeList notices={notices} now={now} />
            </div>
          </>
        )}
      </Card>
      {signing.fingerprint ? (
        <Card>
          <h2 id="verify" className="scroll-mt-4 font-semibold">
            Is an email really from the project?
          </h2>
          <div className="mt-2 space-y-2">
            <ProjectKeyNote fingerprint={signing.fingerprint}>Every notice email is signed with the project&apos;s OpenPGP key</ProjectKeyNote>
            <p className="text-sm text-slate-700">
              Import it once (<code className="break-all">gpg --fetch-keys {getConfig().publicUrl.replace(/\/+$/, "")}/openpgp-key.asc</code>) and compare the fingerprint with the one above;
              your mail client then shows whether a notice&apos;s signature is valid. Treat an unsigned or badly signed &ldquo;notice&rdquo; as phishing.
            </p>
          </div>
        </Card>
      ) : null}
      <Card>
        <h2 className="font-semibold">You</h2>
        <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600">Email</dt>
          <dd>{viewer.email}</dd>
          <dt className="text-slate-600">Name</dt>
          <dd>{viewer.name ?? "—"}</dd>
          <dt className="text-slate-600">Second factor</dt>
          <dd>{viewer.totpEnrolled ? "On" : "Off"}</dd>
        </dl>
        <Link href="/account" className="mt-4 inline-block text-sm font-medium text-indigo-700 underline">
          Sessions and second factor
        </Link>
      </Card>
    </div>
  );
}
