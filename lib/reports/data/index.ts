// The reports domain's data functions (each file owns one part of the workflow).
export { reportManager, reportSender } from "./shared";
export { getReportIntakeInfo, submitReport, type ReportIntakeInfo, type SubmittedReport } from "./intake";
export { confirmReport, deleteUnconfirmedReports, getReportConfirmation, CONFIRM_ERRORS, type ConfirmationState, type ConfirmedReport } from "./intake-confirm";
