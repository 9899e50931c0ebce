// The server actions of e2e/authorization.spec.ts ("raw POSTs to every server action"): what each one is posted,
// who may take it, and which ones the data layer refuses before it looks at the object. The ids are what the
// spec's set-up created.
import type { Role } from "./authorization-matrix";

export type ActionIds = { orgA: string; memberA: string; failedSend: string; sendJob: string; noticeA: string; recipientA: string; fileA: string; tokenIdA: string; pendingId: string; reportR: string; queueReport: string };

/**
 * Per action, exactly the fields its (strict) schema expects, aimed at real objects: an action that forgot its
 * check would succeed and change something. A new action must be added here or the test fails.
 */
export function actionFields({ orgA, memberA, failedSend, sendJob, noticeA, recipientA, fileA, tokenIdA, pendingId, reportR, queueReport }: ActionIds): Record<string, Record<string, string>> {
  return {
    endSessionAction: { sessionId: "x" },
    regenerateRecoveryCodesAction: {},
    confirmEnrolmentAction: { code: "123456" },
    redeemRecoveryCodeAction: { recoveryCode: "abcde-23456" },
    verifyTotpAction: { code: "123456" },
    verifyAuditChainAction: {},
    createOrganisationAction: { name: "Injected Org", roleAddress: "x@evil.example", notes: "" },
    updateOrganisationAction: { organisationId: orgA, name: "Hijacked", roleAddress: "x@evil.example", notes: "" },
    inviteMaintainerAction: { email: "intruder@evil.example", name: "" },
    inviteMemberAction: { organisationId: orgA, email: "intruder@evil.example", name: "" },
    setOrganisationKeyAction: { organisationId: orgA, publicKey: "-----BEGIN PGP PUBLIC KEY BLOCK-----" },
    removeOrganisationKeyAction: { organisationId: orgA },
    resendInvitationAction: { userId: memberA },
    importDirectoryAction: { csv: "organisation,member_email\nInjected Org,intruder@evil.example\n", intent: "apply", token: "forged-preview-token", invite: "on" },
    inviteUninvitedAction: { organisationId: orgA, expected: "1" },
    setOrganisationStatusAction: { organisationId: orgA, status: "SUSPENDED" },
    setMemberStatusAction: { userId: memberA, status: "ACTIVE" },
    removeMaintainerAction: { userId: memberA },
    retryFailedEmailsAction: { dispatchId: failedSend },
    retryJobAction: { queue: "mail.send-batch", jobId: sendJob },
    createNoticeAction: { title: "Injected notice", disclosureAt: "2026-12-20T14:00Z" },
    updateNoticeAction: { noticeId: noticeA, title: "Hijacked", disclosureAt: "2026-12-20T14:00Z" },
    reviseNoticeAction: { noticeId: noticeA, changeNote: "hijack", title: "Hijacked", disclosureAt: "2026-12-20T14:00Z" },
    sendNoticeAction: { noticeId: noticeA },
    changeDisclosureDateAction: { noticeId: noticeA, disclosureAt: "2026-12-20T14:00Z", changeNote: "hijack" },
    endEmbargoAction: { noticeId: noticeA, reason: "hijack" },
    withdrawNoticeAction: { noticeId: noticeA, reason: "hijack" },
    remindSilentAction: { noticeId: noticeA },
    addRecipientsAction: { noticeId: noticeA, organisationIds: orgA, reason: "hijack" },
    removeRecipientAction: { noticeId: noticeA, recipientId: recipientA, reason: "hijack" },
    setChecklistItemAction: { noticeId: noticeA, item: "releases-issued", done: "true" },
    postMaintainerMessageAction: { noticeId: noticeA, recipientId: recipientA, body: "hijack" },
    addAttachmentAction: { noticeId: noticeA },
    setAttachmentPublicAction: { noticeId: noticeA, attachmentId: fileA, public: "true" },
    removeAttachmentAction: { noticeId: noticeA, attachmentId: fileA },
    acceptNoticeTermsAction: { noticeId: noticeA },
    acknowledgeNoticeAction: { noticeId: noticeA },
    updateRecipientStatusAction: { noticeId: noticeA, feedback: "RECEIVED", statement: "", comment: "" },
    postVendorMessageAction: { noticeId: noticeA, body: "hijack" },
    saveAnnouncementAction: { noticeId: noticeA, intent: "save", subject: "Hijacked announcement", text: "Hijacked announcement text." },
    preAnnounceNoticeAction: { noticeId: noticeA, versionRange: "hijacked 1.0", previewed: "", confirm: "on" },
    saveProjectSettingsAction: { name: "Hijacked", slug: "hijacked", repositoryUrl: "", packages: "", publisherName: "Evil", publisherNamespace: "https://evil.example", osvPrefix: "x_evil", announceAddress: "list@evil.example", defaultDisclosureTime: "14:00", defaultDisclosureZone: "UTC" },
    generateProjectKeyAction: { validityDays: "730", overlapDays: "0" },
    importProjectKeyAction: { privateKey: "-----BEGIN PGP PRIVATE KEY BLOCK-----", passphrase: "", overlapDays: "0" },
    revokeProjectKeyAction: { keyId: "no-such-key", reason: "compromised", confirm: "00000000" },
    createApiTokenAction: { label: "injected", expiresInDays: "365" },
    revokeApiTokenAction: { tokenId: tokenIdA },
    rotateCalendarFeedAction: {},
    deleteCalendarFeedAction: {},
    setMemberAdminAction: { userId: memberA, admin: "true" },
    approveColleagueAction: { userId: pendingId },
    declineColleagueAction: { userId: pendingId },
    inviteColleagueAction: { email: "intruder@evil.example", name: "" },
    setColleagueStatusAction: { userId: memberA, status: "REMOVED" },
    setNoticeAudienceAction: { noticeId: noticeA, audience: "everyone" },
    postReporterMessageAction: { reportId: reportR, body: "hijack" },
    changeReportCreditAction: { reportId: reportR, creditKind: "NONE" },
    // The public report form is everyone's to use: posted with a field its strict schema does not know (a status
    // chosen by the sender), it is refused for every role and stores nothing. A forged confirmation token confirms
    // nothing and signs nobody in.
    submitReportAction: { summary: "Injected", details: "x", reporterName: "X", email: "x@evil.example", creditKind: "NONE", status: "ACKNOWLEDGED" },
    confirmReportAction: { token: "forged-confirmation-token-000000000000" },
    acknowledgeReportAction: { reportId: queueReport, message: "hijack" },
    replyToReportAction: { reportId: queueReport, body: "hijack" },
    acceptReportAction: { reportId: queueReport },
    declineReportAction: { reportId: queueReport, reason: "hijack" },
    markReportDuplicateAction: { reportId: queueReport, original: "R-2026-0001", reason: "hijack" },
    markReportFixedAction: { reportId: queueReport },
    // The two-person rule: deciding a request (any id: the viewer is checked before the request is looked up) and
    // changing what the rule covers.
    approveRequestAction: { requestId: "no-such-request" },
    declineRequestAction: { requestId: "no-such-request", reason: "hijack" },
    saveApprovalSettingsAction: { covered: "notice.send", expiryHours: "1" },
    requestDirectoryExportAction: { approvalReason: "hijack" },
    // Tracing a leak reads (and audits) but never changes a copy: refused before anything is read.
    traceLeakAction: { text: "hijack" },
    createReportByHandAction: { reporterName: "Injected", email: "intruder@evil.example", summary: "Injected report", details: "Injected", affectedVersions: "", reproduction: "", creditKind: "NAME", creditText: "" },
  };
}

/**
 * Vendor actions are org A's member's own to take (their organisation is addressed): everyone else is refused.
 * Every vendor member makes their own tokens and calendar address; a token or address is its holder's alone.
 * Org A's organisation admin acts on org A's people and need-to-know: those are theirs (and refused to all others).
 */
export const ALLOWED: Record<string, Role[]> = {
  acceptNoticeTermsAction: ["vendorA", "orgAdmin"],
  acknowledgeNoticeAction: ["vendorA", "orgAdmin"],
  updateRecipientStatusAction: ["vendorA", "orgAdmin"],
  postVendorMessageAction: ["vendorA", "orgAdmin"],
  createApiTokenAction: ["vendorA", "vendorB", "orgAdmin", "restricted"],
  rotateCalendarFeedAction: ["vendorA", "vendorB", "orgAdmin", "restricted"],
  inviteColleagueAction: ["orgAdmin"],
  setColleagueStatusAction: ["orgAdmin"],
  setNoticeAudienceAction: ["orgAdmin"],
  revokeApiTokenAction: ["vendorA"],
  deleteCalendarFeedAction: ["vendorA"],
  // The report is the matrix reporter's: their own to write about and be credited for.
  postReporterMessageAction: ["reporter"],
  changeReportCreditAction: ["reporter"],
};

/**
 * The data layer answers these before it looks at the object: a missing check would show as another refusal
 * ("nothing to retry", "only a failed job…") instead of this one.
 */
export const NOT_FOUND_FIRST = new Set([
  "importDirectoryAction",
  "inviteUninvitedAction",
  "retryFailedEmailsAction",
  "saveProjectSettingsAction",
  "generateProjectKeyAction",
  "importProjectKeyAction",
  "revokeProjectKeyAction",
  "saveAnnouncementAction",
  "preAnnounceNoticeAction",
  "retryJobAction",
  "createNoticeAction",
  "updateNoticeAction",
  "sendNoticeAction",
  "changeDisclosureDateAction",
  "endEmbargoAction",
  "withdrawNoticeAction",
  "remindSilentAction",
  "addRecipientsAction",
  "removeRecipientAction",
  "setChecklistItemAction",
  "postMaintainerMessageAction",
  "setAttachmentPublicAction",
  "removeAttachmentAction",
  "acceptNoticeTermsAction",
  "acknowledgeNoticeAction",
  "updateRecipientStatusAction",
  "postVendorMessageAction",
  "createApiTokenAction",
  "revokeApiTokenAction",
  "rotateCalendarFeedAction",
  "deleteCalendarFeedAction",
  "setMemberAdminAction",
  "approveColleagueAction",
  "declineColleagueAction",
  "inviteColleagueAction",
  "setColleagueStatusAction",
  "setNoticeAudienceAction",
  "postReporterMessageAction",
  "changeReportCreditAction",
  "acknowledgeReportAction",
  "replyToReportAction",
  "acceptReportAction",
  "declineReportAction",
  "markReportDuplicateAction",
  "markReportFixedAction",
  "createReportByHandAction",
  "approveRequestAction",
  "declineRequestAction",
  "saveApprovalSettingsAction",
  "requestDirectoryExportAction",
  "traceLeakAction",
]);
