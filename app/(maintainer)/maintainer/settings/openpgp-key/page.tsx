// The project's OpenPGP key (maintainers with their second factor): its state, every key the project has had, where
// they are published, and the forms to generate, import and revoke. Never any private key material.
import type { Metadata } from "next";
import Link from "next/link";
import { GenerateKeyForm, ImportKeyForm, RevokeKeyForm } from "@/components/settings/openpgp-key-forms";
import { Card, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import { requireArea } from "@/lib/auth/guards";
import { getConfig } from "@/lib/server/config";
import { formatFingerprint } from "@/lib/server/pgp-keys";
import { getProjectSettings } from "@/lib/settings/data";
import { getSigningState, listProjectKeys, type ProjectKeyView } from "@/lib/signing/data";
import { replacementNotice } from "@/lib/signing/policy";
import { REVOCATION_REASON_LABELS, type RevocationReason } from "@/lib/signing/revocation";
import { wkdPath } from "@/lib/signing/wkd";

export const metadata: Metadata = { title: "OpenPGP key" };

const STATUS: Record<ProjectKeyView["status"], { label: string; className: string }> = {
  ACTIVE: { label: "Active: signs everything", className: "bg-green-100 text-green-900" },
  RETIRED: { label: "Retired: published, no longer signs", className: "bg-slate-100 text-slate-800" },
  REVOKED: { label: "Revoked", className: "bg-red-100 text-red-900" },
};

export default async function OpenPgpKeyPage() {
  const viewer = await requireArea("maintainer", "/maintainer/settings/openpgp-key");
  const [keys, state, settings] = await Promise.all([listProjectKeys(viewer), getSigningState(), getProjectSettings()]);
  const base = getConfig().publicUrl.replace(/\/+$/, "");
  const active = keys.find((k) => k.status === "ACTIVE") ?? null;
  const notice = (importing: boolean) => replacementNotice({ activeFingerprint: active?.fingerprint ?? null, reportKeyFingerprint: keys.length ? null : settings.reportKeyFingerprint, importing });
  return (
    <div className="space-y-6">
      <PageHeader
        title="The project's OpenPGP key"
        description="Signs every notice email and every published document, so recipients can tell them from a forgery; reports are encrypted to it."
        actions={
          <Link href="/maintainer/settings" className="text-sm font-medium text-indigo-700 underline">
            Back to Settings
          </Link>
        }
      />
      {!state.on ? (
        <Notice tone="info" title="No key yet">
          Nothing is signed until the project has a key. Once it has one, nothing goes out unsigned.
        </Notice>
      ) : state.problem ? (
        <Notice tone="error" title="Nothing can be sent">
          {state.problem}
        </Notice>
      ) : (
        <Notice tone="success" title="Signing is on">
          Everything the project sends and publishes is signed with {formatFingerprint(state.fingerprint!)}.
        </Notice>
      )}

      {keys.length ? (
        <section aria-labelledby="keys-heading" className="space-y-3">
          <h2 id="keys-heading" className="text-lg font-semibold text-slate-900">
            Keys
          </h2>
          {keys.map((k) => (
            <Card key={k.id} className="space-y-3">
              <div className="flex flex-wrap items-center gap-2">
                <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS[k.status].className}`}>{STATUS[k.status].label}</span>
                <span className="text-sm text-slate-600">{k.origin === "generated" ? "Generated here" : "Imported"}</span>
              </div>
              <p className="font-mono text-base break-all text-slate-900" data-testid="key-fingerprint">
                {formatFingerprint(k.fingerprint)}
              </p>
              <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                <dt className="font-medium text-slate-700">Algorithm</dt>
                <dd className="text-slate-900">{k.algorithm}</dd>
                <dt className="font-medium text-slate-700">User ID</dt>
                <dd className="break-all text-slate-900">{k.userIds.join(", ") || "—"}</dd>
                <dt className="font-medium text-slate-700">Created</dt>
                <dd className="text-slate-900">
                  <Time value={k.keyCreatedAt} />
                </dd>
                <dt className="font-medium text-slate-700">Expires</dt>
                <dd className="text-slate-900">{k.expiresAt ? <Time value={k.expiresAt} /> : "Never"}</dd>
                {k.retiredAt ? (
                  <>
                    <dt className="font-medium text-slate-700">Retired</dt>
                    <dd className="text-slate-900">
                      <Time value={k.retiredAt} />
                      {k.publishUntil ? (
                        <>
                          {" "}
                          · published until <Time value={k.publishUntil} />
                        </>
                      ) : null}
                    </dd>
                  </>
                ) : null}
                {k.revokedAt ? (
                  <>
                    <dt className="font-medium text-slate-700">Revoked</dt>
                    <dd className="text-slate-900">
                      <Time value={k.revokedAt} /> · {REVOCATION_REASON_LABELS[k.revocationReason as RevocationReason] ?? k.revocationReason}
                    </dd>
                  </>
                ) : null}
              </dl>
              {k.status !== "REVOKED" ? (
                <details className="text-sm">
                  <summary className="cursor-pointer font-medium text-red-800">Revoke this key…</summary>
                  <div className="mt-2">
                    <RevokeKeyForm keyId={k.id} fingerprint={k.fingerprint} active={k.status === "ACTIVE"} />
                  </div>
                </details>
              ) : null}
            </Card>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="published-heading" className="space-y-2">
        <h2 id="published-heading" className="text-lg font-semibold text-slate-900">
          Where the keys are published
        </h2>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
          <li>
            <a className="font-medium text-indigo-700 underline" href="/openpgp-key.asc">
              {base}/openpgp-key.asc
            </a>{" "}
            — the active key, retired keys during their overlap and revoked keys (with their revocation): <code>gpg --fetch-keys {base}/openpgp-key.asc</code>.
          </li>
          {settings.securityAddress ? (
            <li>
              Web Key Directory for {settings.securityAddress}: <code className="break-all">{wkdPath(settings.securityAddress)}</code> (clients look it up on the address&apos;s own domain: serve
              Forewarn there, or forward that domain&apos;s <code>/.well-known/openpgpkey/</code> to it).
            </li>
          ) : (
            <li>Set a security address in Settings to publish the key in the Web Key Directory too.</li>
          )}
          <li>The public advisory pages, security.txt (Encryption) and the vendors&apos; help show the active key&apos;s fingerprint.</li>
        </ul>
      </section>

      <GenerateKeyForm replaces={notice(false)} />
      <ImportKeyForm replaces={notice(true)} />
    </div>
  );
}
