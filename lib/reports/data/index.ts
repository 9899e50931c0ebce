// The reports domain's data functions (each file owns one part of the workflow).
export { reportManager, reportSender } from "./shared";
export { statusAfter, syncNoticeCredit, syncNoticeCreditNow, syncReporterCredit, tellReporters, type TellReportersInput } from "./notify";
