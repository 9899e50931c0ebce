// The authorization matrix of e2e/authorization.spec.ts: every page and route handler, and what each role gets there.
// Placeholders in braces ({notice}, {orgA}, …) are filled in by the spec with what its set-up created.

// orgAdmin: org A's organisation admin; restricted: an org A member the admin left out of the notice (need-to-know);
// pending: a colleague the admin invited, awaiting a maintainer's approval (cannot sign in: no session at all).
// reporter: a reporter's account with a confirmed report ({report}); otherReporter: another reporter, with their own.
export type Role = "anonymous" | "vendorA" | "vendorB" | "suspended" | "noFactor" | "maintainer" | "orgAdmin" | "restricted" | "pending" | "reporter" | "otherReporter";
export const ROLES: Role[] = ["anonymous", "vendorA", "vendorB", "suspended", "noFactor", "maintainer", "orgAdmin", "restricted", "pending", "reporter", "otherReporter"];

/** Outputs that are the same for every viewer: public cache headers even when a signed-in person fetches them. */
export const PUBLIC_DOCUMENTS = new Set([
  "/advisories/feed.xml",
  "/osv/all.json",
  "/sitemap.xml",
  "/.well-known/security.txt",
  "/.well-known/csaf/provider-metadata.json",
  "/.well-known/csaf/white",
  "/.well-known/csaf/white/index.txt",
  "/.well-known/csaf/white/changes.csv",
]);

// Expected outcome per role: a status code, or where the person is sent.
export type Outcome = 200 | 401 | 404 | "sign-in" | "second-factor";
const area = (maintainerOutcome: Outcome, vendorOutcome: Outcome): Record<Role, Outcome> => ({
  anonymous: "sign-in",
  vendorA: vendorOutcome,
  vendorB: vendorOutcome,
  suspended: "sign-in",
  noFactor: "second-factor",
  maintainer: maintainerOutcome,
  orgAdmin: vendorOutcome,
  restricted: vendorOutcome,
  pending: "sign-in",
  // A reporter's session reaches nothing of a maintainer's or a vendor's, nor the account page: as an outsider would.
  reporter: 404,
  otherReporter: 404,
});
/** The reporter area: open to everyone signed in (their own reports); `own` answers for one report, 404 to the rest. */
const reporterArea = (own: Outcome, others: Outcome = own): Record<Role, Outcome> => ({
  anonymous: "sign-in",
  vendorA: others,
  vendorB: others,
  suspended: "sign-in",
  noFactor: "second-factor",
  maintainer: others,
  orgAdmin: others,
  restricted: others,
  pending: "sign-in",
  reporter: own,
  otherReporter: others,
});
const everyone = (o: Outcome): Record<Role, Outcome> => Object.fromEntries(ROLES.map((r) => [r, o])) as Record<Role, Outcome>;
const maintainerOnlyApi: Record<Role, Outcome> = { ...everyone(404), maintainer: 200 };

export const MATRIX: Array<[string, Record<Role, Outcome>]> = [
  ["/", everyone(200)],
  ["/api/health", everyone(200)],
  ["/sign-in/check-email", everyone(200)],
  ["/sign-in/error?error=Verification", everyone(200)],
  ["/sign-in/confirm?token=t&email=a@b.example", everyone(200)],
  ["/vendor", area(404, 200)],
  ["/account", area(200, 200)],
  ["/maintainer", area(200, 404)],
  ["/maintainer/directory", area(200, 404)],
  ["/maintainer/directory/{orgA}", area(200, 404)],
  ["/maintainer/directory/no-such-organisation", area(404, 404)],
  ["/maintainer/directory/import", area(200, 404)],
  ["/maintainer/maintainers", area(200, 404)],
  ["/maintainer/audit", area(200, 404)],
  ["/maintainer/mailbox", area(200, 404)],
  ["/maintainer/deliveries", area(200, 404)],
  ["/maintainer/deliveries/{failedSend}", area(200, 404)],
  ["/maintainer/deliveries/{failedSend}?status=FAILED", area(200, 404)],
  ["/maintainer/deliveries/no-such-send", area(404, 404)],
  ["/maintainer/jobs", area(200, 404)],
  ["/maintainer/jobs?state=failed&queue=mail.send-batch", area(200, 404)],
  ["/maintainer/notices", area(200, 404)],
  ["/maintainer/notices?state=EMBARGOED", area(200, 404)],
  ["/maintainer/notices/new", area(200, 404)],
  ["/maintainer/notices/{notice}", area(200, 404)],
  ["/maintainer/notices/{notice}/edit", area(200, 404)],
  ["/maintainer/notices/{notice}/tracking", area(200, 404)],
  ["/maintainer/notices/{notice}/threads/{recipient}", area(200, 404)],
  ["/maintainer/notices/no-such-notice", area(404, 404)],
  // The restricted member sees it exactly as org B's member does: it does not exist for them.
  ["/vendor/notices/{notice}", { ...area(404, 200), vendorB: 404, restricted: 404 }],
  // An organisation admin's page of their own organisation's people; every other vendor and maintainers: 404.
  ["/vendor/organisation", { ...area(404, 404), orgAdmin: 200 }],
  ["/vendor/notices/no-such-notice", area(404, 404)],
  ["/vendor/integrations", area(404, 200)],
  // Everyone signed in has their own (maybe empty) list; a report is its sender's alone.
  ["/reporter", reporterArea(200)],
  ["/reporter/reports/{report}", reporterArea(200, 404)],
  ["/reporter/reports/{otherReport}", { ...reporterArea(404), otherReporter: 200 }],
  ["/reporter/reports/no-such-report", reporterArea(404)],
  // The JSON API takes bearer tokens only (see the next test): a session cookie is no credential there.
  ["/api/v1/notices", everyone(401)],
  ["/api/v1/notices/{notice}", everyone(401)],
  ["/api/notices/{notice}/tracking", maintainerOnlyApi],
  // The CVE record (CNA container) exists once the notice is disclosed: under embargo a maintainer is told so (409).
  ["/api/notices/{notice}/cve.json", { ...maintainerOnlyApi, maintainer: 409 as Outcome }],
  ["/api/notices/no-such-notice/cve.json", everyone(404)],
  // Org A's member has not accepted the terms: the file is not theirs yet either.
  ["/api/notices/{notice}/attachments/{file}", maintainerOnlyApi],
  ["/advisories", everyone(200)],
  ["/advisories/{notice}", everyone(404)],
  // Under embargo: no public OSV or CSAF; the TLP:AMBER CSAF for maintainers (org A's member has not accepted the terms).
  ["/advisories/{notice}/osv.json", everyone(404)],
  ["/advisories/{notice}/csaf.json", { ...everyone(404), maintainer: 200 as Outcome }],
  // The CSAF document's canonical name is its own reference's: any other name is nobody's.
  ["/advisories/{notice}/fw-1999-0001.json", everyone(404)],
  // Under its own canonical name, exactly what csaf.json answers.
  ["/advisories/{notice}/{csafFile}", { ...everyone(404), maintainer: 200 as Outcome }],
  ["/advisories/feed.xml", everyone(200)],
  ["/osv/all.json", everyone(200)],
  ["/sitemap.xml", everyone(200)],
  ["/osv/x_forewarn-{reference}.json", everyone(404)],
  ["/maintainer/settings", area(200, 404)],
  // The project's OpenPGP key: managed by maintainers; its public files exist once the project has a key (this spec
  // runs before e2e/signing-key.spec.ts gives it one), the Web Key Directory only for the security address's hash.
  ["/maintainer/settings/openpgp-key", area(200, 404)],
  ["/openpgp-key.asc", everyone(404)],
  ["/.well-known/openpgpkey/policy", everyone(404)],
  ["/.well-known/openpgpkey/hu/iy9q119eutrkn8s1mk4r39qejnbu3n5q", everyone(404)],
  ["/.well-known/openpgpkey/hu/not-a-hash", everyone(404)],
  // The two-person rule's requests: maintainers with their second factor only; an id that is no request is 404.
  ["/maintainer/approvals", area(200, 404)],
  ["/maintainer/approvals/no-such-request", area(404, 404)],
  // Tracing a leaked copy names recipients and members: maintainers with their second factor only.
  ["/maintainer/trace", area(200, 404)],
  // The public report form, its confirmation link (an unknown token shows "does not work"; a GET never confirms) and
  // security.txt: the same for everyone. The report key file exists only while Settings has a key.
  ["/report", everyone(200)],
  ["/report/confirm/not-a-real-confirmation-token-0000", everyone(200)],
  ["/.well-known/security.txt", everyone(200)],
  ["/report/public-key.asc", everyone(404)],
  // The CSAF provider (CSAF 2.0 §7): its metadata, the directory's listing, index.txt and changes.csv, the same for
  // everyone. The embargoed notice's document, hashes and signature are nobody's — not even the maintainers': the
  // directory holds disclosed TLP:CLEAR documents only. A year without documents, and a key the project never had: 404.
  ["/.well-known/csaf/provider-metadata.json", everyone(200)],
  ["/.well-known/csaf/white", everyone(200)],
  ["/.well-known/csaf/white/index.txt", everyone(200)],
  ["/.well-known/csaf/white/changes.csv", everyone(200)],
  ["/.well-known/csaf/white/{csafYear}/{csafFile}", everyone(404)],
  ["/.well-known/csaf/white/{csafYear}/{csafFile}.asc", everyone(404)],
  ["/.well-known/csaf/white/{csafYear}/{csafFile}.sha256", everyone(404)],
  ["/.well-known/csaf/white/{csafYear}/{csafFile}.sha512", everyone(404)],
  ["/.well-known/csaf/white/1999", everyone(404)],
  ["/.well-known/csaf/openpgp/0000000000000000000000000000000000000000.asc", everyone(404)],
  // The intake queue: maintainers with their second factor only; a report is nobody else's to see.
  ["/maintainer/reports", area(200, 404)],
  ["/maintainer/reports?status=overdue", area(200, 404)],
  ["/maintainer/reports?status=not-a-status", area(200, 404)],
  ["/maintainer/reports/new", area(200, 404)],
  ["/maintainer/reports/{queueReport}", area(200, 404)],
  ["/maintainer/reports/no-such-report", area(404, 404)],
  // A report's files go through the report's scope: a made-up file of a real report is nobody's.
  ["/api/reports/{queueReport}/attachments/no-such-file", everyone(404)],
  ["/api/reports/no-such-report/attachments/no-such-file", everyone(404)],
  ["/api/directory/export", maintainerOnlyApi],
  ["/api/audit/export", maintainerOnlyApi],
  ["/api/audit/export?action=not-an-action", { ...maintainerOnlyApi, maintainer: 400 as Outcome }],
  ["/api/audit/archive?from=2026-01-01&to=2026-12-31", maintainerOnlyApi],
  ["/api/audit/archive?from=2026-12-31&to=2026-01-01", { ...maintainerOnlyApi, maintainer: 400 as Outcome }],
  // Nothing outside the table answers 200.
  ["/admin", everyone(404)],
  ["/maintainer/secret", everyone(404)],
  ["/api/notices", everyone(404)],
  ["/api/users", everyone(404)],
  // The bench's empty page and query counter exist only in a server started for the bench.
  ["/bench/floor", everyone(404)],
  ["/api/health/queries", everyone(404)],
];
