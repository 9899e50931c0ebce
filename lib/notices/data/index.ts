// The notices data layer: every function takes the viewer first and decides through ../policy.ts.
export * from "./drafts";
export * from "./send";
export * from "./send-chunks";
// Composing a notification stays inside the folder (its callers take the viewer first); the chunk jobs and progress are public.
export { prepareNotification, type PreparedNotification } from "./notifications";
export { notificationProgress, queueNotificationChunk, queueNotificationChunks, type NotificationProgress } from "./notification-chunks";
export * from "./vendor";
export * from "./calendar";
export * from "./lifecycle";
export * from "./tracking";
export * from "./attachments";
export * from "./thread";
export * from "./revisions";
export * from "./public";
export * from "./audience";
export * from "./recipients";
export * from "./attention";
export * from "./pre-announcement";
export * from "./trace";
