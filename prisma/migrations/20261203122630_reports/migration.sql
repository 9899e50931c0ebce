-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('UNCONFIRMED', 'RECEIVED', 'ACKNOWLEDGED', 'ACCEPTED', 'DECLINED', 'DUPLICATE', 'FIXED', 'DISCLOSED');

-- CreateEnum
CREATE TYPE "ReportSource" AS ENUM ('WEB', 'MAINTAINER');

-- CreateEnum
CREATE TYPE "ReportCredit" AS ENUM ('NAME', 'HANDLE', 'ORGANISATION', 'NONE');

-- CreateEnum
CREATE TYPE "ReportUpdateKind" AS ENUM ('STATUS', 'DATE_SET', 'DATE_CHANGED', 'EMBARGO_ENDED', 'WITHDRAWN', 'DISCLOSED');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'REPORTER';

-- AlterTable
ALTER TABLE "ProjectSettings" ADD COLUMN     "acknowledgeTargetHours" INTEGER NOT NULL DEFAULT 48,
ADD COLUMN     "reportPublicKey" TEXT,
ADD COLUMN     "securityAddress" TEXT;

-- CreateTable
CREATE TABLE "ReportCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReportCounter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'UNCONFIRMED',
    "source" "ReportSource" NOT NULL DEFAULT 'WEB',
    "reporterId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" TEXT NOT NULL,
    "affectedVersions" TEXT NOT NULL DEFAULT '',
    "reproduction" TEXT NOT NULL DEFAULT '',
    "encrypted" BOOLEAN NOT NULL DEFAULT false,
    "reporterName" TEXT NOT NULL,
    "creditKind" "ReportCredit" NOT NULL DEFAULT 'NAME',
    "creditText" TEXT,
    "statusReason" TEXT,
    "duplicateOfId" TEXT,
    "noticeId" TEXT,
    "createdById" TEXT,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMPTZ(3),
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedById" TEXT,
    "confirmTokenHash" TEXT,
    "confirmExpiresAt" TIMESTAMPTZ(3),
    "reminderSentAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportMessage" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "fromMaintainer" BOOLEAN NOT NULL,
    "body" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportAttachment" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "encrypted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportUpdate" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "kind" "ReportUpdateKind" NOT NULL,
    "status" "ReportStatus",
    "disclosureAt" TIMESTAMPTZ(3),
    "message" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Report_reference_key" ON "Report"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Report_confirmTokenHash_key" ON "Report"("confirmTokenHash");

-- CreateIndex
CREATE INDEX "Report_status_confirmedAt_idx" ON "Report"("status", "confirmedAt");

-- CreateIndex
CREATE INDEX "Report_reporterId_idx" ON "Report"("reporterId");

-- CreateIndex
CREATE INDEX "Report_noticeId_idx" ON "Report"("noticeId");

-- CreateIndex
CREATE INDEX "ReportMessage_reportId_at_idx" ON "ReportMessage"("reportId", "at");

-- CreateIndex
CREATE INDEX "ReportAttachment_reportId_idx" ON "ReportAttachment"("reportId");

-- CreateIndex
CREATE INDEX "ReportUpdate_reportId_at_idx" ON "ReportUpdate"("reportId", "at");

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportMessage" ADD CONSTRAINT "ReportMessage_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportAttachment" ADD CONSTRAINT "ReportAttachment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportUpdate" ADD CONSTRAINT "ReportUpdate_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
