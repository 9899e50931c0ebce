// What lib/approvals needs from a covered action, without importing the domain that owns it (those sit above
// approvals): a handler per kind, filled in by the composition root (lib/composition/approval-handlers.ts). Each
// handler calls the owning domain's own data functions, so each rule still lives in one place.
import type { z } from "zod";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import type { RequestKind } from "./policy";
import type { Tx } from "./data/shared";

/** What the requester saw, kept with the request and shown to the approvers as it was. */
export type ApprovalPreview = { title: string; lines: string[] };

export type ApprovalHandler<P = unknown> = {
  kind: RequestKind;
  /** The stored parameters' shape: read back and checked again before they run. */
  params: z.ZodType<P>;
  target(params: P): { type: string; id: string };
  /** Who would receive what, with the same checks the action makes (a notice that cannot be sent cannot be asked for). */
  preview(viewer: Viewer, params: P): Promise<ApprovalPreview>;
  /** The state the parameters apply to (e.g. the draft's last change and its audience): changed → the request is void. */
  fingerprint(viewer: Viewer, params: P): Promise<string>;
  /** Runs the action with the approved parameters, as `viewer` (the approver); returns a one-line summary. */
  execute(viewer: Viewer, params: P, request: RequestInfo): Promise<string>;
  /**
   * The same, running `inTransaction` inside the action's own transaction (given the summary it will return), so that
   * what is recorded with it commits together or not at all. Only kinds with a break-glass path have it.
   */
  executeWithin?(viewer: Viewer, params: P, request: RequestInfo, inTransaction: (tx: Tx, summary: string) => Promise<void>): Promise<string>;
};

// The registry holds handlers of every parameter type; each is only ever called with the parameters it parsed itself.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApprovalHandlers = Partial<Record<RequestKind, ApprovalHandler<any>>>;
