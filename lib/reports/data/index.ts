// The reports domain's data functions (each file owns one part of the workflow).
export { reportManager, reportSender } from "./shared";
export { changeReportCredit, getOwnReport, hasOwnReports, listOwnReports, postReporterMessage, type OwnReport, type OwnReportSummary } from "./portal";
export { statusAfter, syncNoticeCredit, syncNoticeCreditNow, syncReporterCredit, tellReporters, type TellReportersInput } from "./notify";
