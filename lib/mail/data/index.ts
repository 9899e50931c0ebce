export * from "./mailbox";
export * from "./outbox";
export * from "./delivery";
export * from "./events";
export * from "./attention";
