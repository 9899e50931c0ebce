// What e2e/accessibility.spec.ts checks: every page of the app, as each role that can see it, and how axe runs there.
// A page added under app/ without a line here fails the spec's coverage test: add where and as whom it is visited.
import { readdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** WCAG 2.0, 2.1 and 2.2, levels A and AA (axe tags each rule with the criteria it checks). */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export type Role = "public" | "vendor" | "vendorB" | "orgAdmin" | "maintainer" | "reporter";

/**
 * One visit: the file it shows, the address (placeholders filled from the spec's data), and the answer expected.
 * `vendor` is org A's member (terms accepted, acknowledged, in a thread); `vendorB` org B's, who has not accepted the
 * terms yet; `orgAdmin` org A's organisation admin; `reporter` a reporter's account whose reports were seeded before the
 * server started (e2e/fixtures/reports-portal-database.ts: one accepted under embargo with a thread, a timeline and a
 * file; one disclosed).
 */
export type Visit = { file: string; role: Role; url: string; status?: 404 };

export const VISITS: Visit[] = [
  { file: "app/(public)/page.tsx", role: "public", url: "/" },
  { file: "app/(public)/advisories/page.tsx", role: "public", url: "/advisories" },
  { file: "app/(public)/advisories/[noticeId]/page.tsx", role: "public", url: "/advisories/{disclosed}" },
  { file: "app/(public)/advisories/not-found.tsx", role: "public", url: "/advisories/no-such-advisory", status: 404 },
  { file: "app/not-found.tsx", role: "public", url: "/no-such-page", status: 404 },
  { file: "app/(public)/report/page.tsx", role: "public", url: "/report" },
  // A link that is not (or no longer) valid; the valid state is checked by e2e/report-intake.spec.ts.
  { file: "app/(public)/report/confirm/[token]/page.tsx", role: "public", url: "/report/confirm/not-a-real-confirmation-token-0000" },
  { file: "app/(auth)/sign-in/page.tsx", role: "public", url: "/sign-in" },
  { file: "app/(auth)/sign-in/check-email/page.tsx", role: "public", url: "/sign-in/check-email" },
  { file: "app/(auth)/sign-in/confirm/page.tsx", role: "public", url: "/sign-in/confirm?token=t&email=someone%40example.org" },
  { file: "app/(auth)/sign-in/error/page.tsx", role: "public", url: "/sign-in/error?error=Verification" },
  // Second factor: the set-up page (a new maintainer) and the code page (a later sign-in) are checked in the spec's
  // sign-in test, where those sessions exist.
  { file: "app/(vendor)/vendor/page.tsx", role: "vendor", url: "/vendor" },
  { file: "app/(vendor)/vendor/notices/[noticeId]/page.tsx", role: "vendor", url: "/vendor/notices/{notice}" },
  { file: "app/(vendor)/vendor/notices/[noticeId]/page.tsx", role: "vendorB", url: "/vendor/notices/{notice}" },
  { file: "app/(vendor)/vendor/integrations/page.tsx", role: "vendor", url: "/vendor/integrations" },
  { file: "app/(vendor)/vendor/not-found.tsx", role: "vendor", url: "/vendor/notices/no-such-notice", status: 404 },
  { file: "app/(account)/account/page.tsx", role: "vendor", url: "/account" },
  { file: "app/(vendor)/vendor/page.tsx", role: "orgAdmin", url: "/vendor" },
  { file: "app/(vendor)/vendor/organisation/page.tsx", role: "orgAdmin", url: "/vendor/organisation" },
  { file: "app/(vendor)/vendor/notices/[noticeId]/page.tsx", role: "orgAdmin", url: "/vendor/notices/{notice}" },
  { file: "app/(maintainer)/maintainer/page.tsx", role: "maintainer", url: "/maintainer" },
  { file: "app/(maintainer)/maintainer/notices/page.tsx", role: "maintainer", url: "/maintainer/notices" },
  { file: "app/(maintainer)/maintainer/notices/new/page.tsx", role: "maintainer", url: "/maintainer/notices/new" },
  { file: "app/(maintainer)/maintainer/notices/[noticeId]/page.tsx", role: "maintainer", url: "/maintainer/notices/{draft}" },
  { file: "app/(maintainer)/maintainer/notices/[noticeId]/page.tsx", role: "maintainer", url: "/maintainer/notices/{notice}" },
  { file: "app/(maintainer)/maintainer/notices/[noticeId]/page.tsx", role: "maintainer", url: "/maintainer/notices/{disclosed}" },
  { file: "app/(maintainer)/maintainer/notices/[noticeId]/edit/page.tsx", role: "maintainer", url: "/maintainer/notices/{draft}/edit" },
  { file: "app/(maintainer)/maintainer/notices/[noticeId]/tracking/page.tsx", role: "maintainer", url: "/maintainer/notices/{notice}/tracking" },
  { file: "app/(maintainer)/maintainer/notices/[noticeId]/threads/[recipientId]/page.tsx", role: "maintainer", url: "/maintainer/notices/{notice}/threads/{recipientA}" },
  { file: "app/(maintainer)/maintainer/not-found.tsx", role: "maintainer", url: "/maintainer/notices/no-such-notice", status: 404 },
  { file: "app/(maintainer)/maintainer/directory/page.tsx", role: "maintainer", url: "/maintainer/directory" },
  { file: "app/(maintainer)/maintainer/directory/[organisationId]/page.tsx", role: "maintainer", url: "/maintainer/directory/{orgA}" },
  { file: "app/(maintainer)/maintainer/directory/import/page.tsx", role: "maintainer", url: "/maintainer/directory/import" },
  { file: "app/(maintainer)/maintainer/maintainers/page.tsx", role: "maintainer", url: "/maintainer/maintainers" },
  { file: "app/(maintainer)/maintainer/audit/page.tsx", role: "maintainer", url: "/maintainer/audit" },
  { file: "app/(maintainer)/maintainer/deliveries/page.tsx", role: "maintainer", url: "/maintainer/deliveries" },
  { file: "app/(maintainer)/maintainer/deliveries/[dispatchId]/page.tsx", role: "maintainer", url: "/maintainer/deliveries/{dispatch}" },
  { file: "app/(maintainer)/maintainer/jobs/page.tsx", role: "maintainer", url: "/maintainer/jobs" },
  { file: "app/(maintainer)/maintainer/mailbox/page.tsx", role: "maintainer", url: "/maintainer/mailbox" },
  { file: "app/(maintainer)/maintainer/settings/page.tsx", role: "maintainer", url: "/maintainer/settings" },
  { file: "app/(maintainer)/maintainer/settings/openpgp-key/page.tsx", role: "maintainer", url: "/maintainer/settings/openpgp-key" },
  { file: "app/(maintainer)/maintainer/approvals/page.tsx", role: "maintainer", url: "/maintainer/approvals" },
  { file: "app/(maintainer)/maintainer/trace/page.tsx", role: "maintainer", url: "/maintainer/trace" },
  // An open request with its approve and decline forms is checked with axe by e2e/approvals.spec.ts (it needs two
  // maintainers and the rule switched on); here, the answer for a request that does not exist.
  { file: "app/(maintainer)/maintainer/approvals/[requestId]/page.tsx", role: "maintainer", url: "/maintainer/approvals/no-such-request", status: 404 },
  { file: "app/(maintainer)/maintainer/reports/page.tsx", role: "maintainer", url: "/maintainer/reports" },
  { file: "app/(maintainer)/maintainer/reports/page.tsx", role: "maintainer", url: "/maintainer/reports?status=all" },
  { file: "app/(maintainer)/maintainer/reports/new/page.tsx", role: "maintainer", url: "/maintainer/reports/new" },
  { file: "app/(maintainer)/maintainer/reports/[reportId]/page.tsx", role: "maintainer", url: "/maintainer/reports/{report}" },
  { file: "app/(account)/account/page.tsx", role: "maintainer", url: "/account" },
  { file: "app/(reporter)/reporter/page.tsx", role: "reporter", url: "/reporter" },
  { file: "app/(reporter)/reporter/reports/[reportId]/page.tsx", role: "reporter", url: "/reporter/reports/{reporterReport}" },
  { file: "app/(reporter)/reporter/reports/[reportId]/page.tsx", role: "reporter", url: "/reporter/reports/{reporterDisclosed}" },
  { file: "app/(reporter)/reporter/not-found.tsx", role: "reporter", url: "/reporter/reports/no-such-report", status: 404 },
  // A vendor member's view of the reporter area: their own (empty) list, in the same layout.
  { file: "app/(reporter)/reporter/page.tsx", role: "vendor", url: "/reporter" },
];

/** Files the spec checks elsewhere (with the session that shows them), or that no visit can show, and why. */
export const CHECKED_ELSEWHERE: Record<string, string> = {
  "app/(auth)/sign-in/second-factor/page.tsx": "both forms (set up; enter a code) in the sign-in test",
  "app/(auth)/sign-in/continue/page.tsx": "renders nothing: it only redirects to the second factor or home",
  "app/(public)/bench/floor/page.tsx": "exists only in a server started for the benchmark (404 otherwise)",
  // Error boundaries show only when a page throws, which no request to a healthy server makes happen; they share
  // components/layout/segment-error.tsx (checked through its not-found sibling) and the area layouts.
  "app/error.tsx": "shown only when rendering throws",
  "app/global-error.tsx": "shown only when the root layout throws",
  "app/(public)/advisories/error.tsx": "shown only when rendering throws",
  "app/(maintainer)/maintainer/error.tsx": "shown only when rendering throws",
  "app/(vendor)/vendor/error.tsx": "shown only when rendering throws",
  "app/(reporter)/reporter/error.tsx": "shown only when rendering throws",
};

/** Every file under app/ that renders a page of its own: page.tsx, not-found.tsx, error.tsx, global-error.tsx. */
export function pageFiles(dir = "app"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return pageFiles(full);
    return /^(page|not-found|error|global-error)\.tsx$/.test(entry.name) ? [full] : [];
  });
}

/** Runs axe on the page as it is now; one readable line per violated rule and element. */
export async function axeViolations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return violations.flatMap((v) =>
    v.nodes.map((node) => `${where}: ${v.id} (${v.impact ?? "?"}) ${v.help} — ${node.target.join(" ")}\n    ${node.failureSummary?.replace(/\n/g, " ") ?? ""}`),
  );
}
