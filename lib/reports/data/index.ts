// The reports domain's data functions (each file owns one part of the workflow).
export { refuseListedNames, reportManager, reportSender } from "./shared";
export { changeReportCredit, getOwnReport, hasOwnReports, listOwnReports, postReporterMessage, type OwnReport, type OwnReportSummary } from "./portal";
export { statusAfter, syncNoticeCredit, syncNoticeCreditNow, syncReporterCredit, tellReporters, type TellReportersInput } from "./notify";
export { getReportIntakeInfo, submitReport, type ReportIntakeInfo, type SubmittedReport } from "./intake";
export { confirmReport, deleteUnconfirmedReports, getReportConfirmation, CONFIRM_ERRORS, type ConfirmationState, type ConfirmedReport } from "./intake-confirm";
export * from "./queue";
export * from "./queue-moves";
export * from "./queue-new";
export * from "./queue-reminder";
