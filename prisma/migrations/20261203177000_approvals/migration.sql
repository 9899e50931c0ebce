-- Two-person rule (lib/approvals): which actions need a second maintainer, and the requests waiting for one.
CREATE TYPE "ApprovalStatus" AS ENUM ('PENDING', 'EXECUTING', 'EXECUTED', 'FAILED', 'DECLINED', 'EXPIRED', 'VOID');

CREATE TABLE "ApprovalSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "covered" TEXT[],
    "expiryHours" INTEGER NOT NULL DEFAULT 24,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "ApprovalSettings_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ApprovalRequest" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "ApprovalStatus" NOT NULL DEFAULT 'PENDING',
    "params" JSONB NOT NULL,
    "preview" JSONB NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedByEmail" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedById" TEXT,
    "decidedByEmail" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "declineReason" TEXT,
    "outcome" TEXT,
    "breakGlass" BOOLEAN NOT NULL DEFAULT false,
    "executedAt" TIMESTAMPTZ(3),
    CONSTRAINT "ApprovalRequest_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ApprovalRequest_status_expiresAt_idx" ON "ApprovalRequest"("status", "expiresAt");
CREATE INDEX "ApprovalRequest_targetType_targetId_idx" ON "ApprovalRequest"("targetType", "targetId");
