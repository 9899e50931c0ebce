// The reports domain's data functions (each file owns one part of the workflow).
export { reportManager, reportSender } from "./shared";
export * from "./queue";
export * from "./queue-moves";
export * from "./queue-new";
export * from "./queue-reminder";
