// The reports domain's data functions (each file owns one part of the workflow).
export { reportManager, reportSender } from "./shared";
