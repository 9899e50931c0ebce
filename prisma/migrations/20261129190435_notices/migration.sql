-- CreateEnum
CREATE TYPE "NoticeState" AS ENUM ('DRAFT', 'EMBARGOED', 'DISCLOSED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "NoticeAudience" AS ENUM ('ALL_ACTIVE', 'SELECTED');

-- CreateEnum
CREATE TYPE "SeverityRating" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "VendorFeedback" AS ENUM ('RECEIVED', 'INVESTIGATING', 'PATCH_TESTED_OK', 'PROBLEM_FOUND');

-- CreateEnum
CREATE TYPE "VendorStatement" AS ENUM ('AFFECTED', 'NOT_AFFECTED', 'FIXED', 'UNDER_INVESTIGATION');

-- AlterTable
ALTER TABLE "MailDispatch" ADD COLUMN     "topic" TEXT;

-- CreateTable
CREATE TABLE "NoticeCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "NoticeCounter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "state" "NoticeState" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "remediation" TEXT NOT NULL DEFAULT '',
    "detection" TEXT NOT NULL DEFAULT '',
    "affectedVersions" TEXT NOT NULL DEFAULT '',
    "fixedVersions" TEXT NOT NULL DEFAULT '',
    "cveIds" TEXT[],
    "cwe" TEXT,
    "cvssVector" TEXT,
    "cvssScore" DOUBLE PRECISION,
    "severity" "SeverityRating",
    "deployBeforeDisclosure" BOOLEAN NOT NULL DEFAULT false,
    "patchEmbargoed" BOOLEAN NOT NULL DEFAULT true,
    "embargoNotes" TEXT NOT NULL DEFAULT '',
    "reporterCredit" TEXT,
    "reporterOptOut" BOOLEAN NOT NULL DEFAULT false,
    "disclosureAt" TIMESTAMPTZ(3) NOT NULL,
    "audience" "NoticeAudience" NOT NULL DEFAULT 'ALL_ACTIVE',
    "encryptFullText" BOOLEAN NOT NULL DEFAULT false,
    "embargoOverrideReason" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMPTZ(3),
    "disclosedAt" TIMESTAMPTZ(3),
    "withdrawnAt" TIMESTAMPTZ(3),
    "endReason" TEXT,
    "checklist" JSONB NOT NULL DEFAULT '{}',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeAudienceOrg" (
    "noticeId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,

    CONSTRAINT "NoticeAudienceOrg_pkey" PRIMARY KEY ("noticeId","organisationId")
);

-- CreateTable
CREATE TABLE "NoticeRecipient" (
    "id" TEXT NOT NULL,
    "noticeId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "notifiedAt" TIMESTAMPTZ(3) NOT NULL,
    "firstViewedAt" TIMESTAMPTZ(3),
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedById" TEXT,
    "feedback" "VendorFeedback",
    "statement" "VendorStatement",
    "statementComment" TEXT,
    "remindedAt" TIMESTAMPTZ(3),
    "reminders" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "NoticeRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeTermsAcceptance" (
    "id" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "acceptedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeTermsAcceptance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeAcknowledgement" (
    "id" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeAcknowledgement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecipientUpdate" (
    "id" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "feedback" "VendorFeedback",
    "statement" "VendorStatement",
    "comment" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecipientUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeMessage" (
    "id" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "fromMaintainer" BOOLEAN NOT NULL,
    "body" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeRevision" (
    "id" TEXT NOT NULL,
    "noticeId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "changeNote" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeAttachment" (
    "id" TEXT NOT NULL,
    "noticeId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Notice_reference_key" ON "Notice"("reference");

-- CreateIndex
CREATE INDEX "Notice_state_disclosureAt_idx" ON "Notice"("state", "disclosureAt");

-- CreateIndex
CREATE INDEX "NoticeRecipient_organisationId_idx" ON "NoticeRecipient"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeRecipient_noticeId_organisationId_key" ON "NoticeRecipient"("noticeId", "organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeTermsAcceptance_recipientId_userId_key" ON "NoticeTermsAcceptance"("recipientId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeAcknowledgement_recipientId_userId_key" ON "NoticeAcknowledgement"("recipientId", "userId");

-- CreateIndex
CREATE INDEX "RecipientUpdate_recipientId_at_idx" ON "RecipientUpdate"("recipientId", "at");

-- CreateIndex
CREATE INDEX "NoticeMessage_recipientId_at_idx" ON "NoticeMessage"("recipientId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeRevision_noticeId_number_key" ON "NoticeRevision"("noticeId", "number");

-- CreateIndex
CREATE INDEX "NoticeAttachment_noticeId_idx" ON "NoticeAttachment"("noticeId");

-- CreateIndex
CREATE INDEX "MailDispatch_topic_idx" ON "MailDispatch"("topic");

-- AddForeignKey
ALTER TABLE "NoticeAudienceOrg" ADD CONSTRAINT "NoticeAudienceOrg_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeAudienceOrg" ADD CONSTRAINT "NoticeAudienceOrg_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeRecipient" ADD CONSTRAINT "NoticeRecipient_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeRecipient" ADD CONSTRAINT "NoticeRecipient_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeTermsAcceptance" ADD CONSTRAINT "NoticeTermsAcceptance_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "NoticeRecipient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeAcknowledgement" ADD CONSTRAINT "NoticeAcknowledgement_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "NoticeRecipient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecipientUpdate" ADD CONSTRAINT "RecipientUpdate_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "NoticeRecipient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeMessage" ADD CONSTRAINT "NoticeMessage_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "NoticeRecipient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeRevision" ADD CONSTRAINT "NoticeRevision_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeAttachment" ADD CONSTRAINT "NoticeAttachment_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
