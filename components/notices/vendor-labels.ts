// Words for the notice enums the vendor portal shows. Types only from the generated client: nothing of the database
// reaches the browser bundle.
import type { NoticeState, SeverityRating, VendorFeedback, VendorStatement } from "@/generated/prisma/enums";

export const FEEDBACK_LABELS: Record<VendorFeedback, string> = {
  RECEIVED: "Received",
  INVESTIGATING: "Investigating",
  PATCH_TESTED_OK: "Patch tested OK",
  PROBLEM_FOUND: "Problem found",
};

export const STATEMENT_LABELS: Record<VendorStatement, string> = {
  AFFECTED: "Affected",
  NOT_AFFECTED: "Not affected",
  FIXED: "Fixed",
  UNDER_INVESTIGATION: "Under investigation",
};

export const STATE_LABELS: Record<NoticeState, string> = {
  DRAFT: "draft",
  EMBARGOED: "embargoed",
  DISCLOSED: "disclosed",
  WITHDRAWN: "withdrawn",
};

export const RATING_LABELS: Record<SeverityRating | "NONE", string> = {
  NONE: "None",
  LOW: "Low",
  MEDIUM: "Medium",
  HIGH: "High",
  CRITICAL: "Critical",
};

export const feedbackLabel = (v: string | null) => (v ? (FEEDBACK_LABELS[v as VendorFeedback] ?? v) : null);
export const statementLabel = (v: string | null) => (v ? (STATEMENT_LABELS[v as VendorStatement] ?? v) : null);
