-- A whole-list notification of a change is owed to a frozen set of organisations and queued in chunks (issue 15).
-- Additive: a new table and an index.

-- CreateTable
CREATE TABLE "NoticeNotification" (
    "id" UUID NOT NULL,
    "noticeId" TEXT NOT NULL,
    "dispatchId" TEXT NOT NULL,
    "what" TEXT NOT NULL,
    "noticeState" "NoticeState" NOT NULL,
    "mail" JSONB NOT NULL,
    "evenIfKeyUnusable" BOOLEAN NOT NULL DEFAULT false,
    "organisationIds" TEXT[],
    "chunkSize" INTEGER NOT NULL,
    "chunksDone" INTEGER NOT NULL DEFAULT 0,
    "organisationsDone" INTEGER NOT NULL DEFAULT 0,
    "emails" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "stoppedReason" TEXT,

    CONSTRAINT "NoticeNotification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NoticeNotification_noticeId_idx" ON "NoticeNotification"("noticeId");

-- AddForeignKey
ALTER TABLE "NoticeNotification" ADD CONSTRAINT "NoticeNotification_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
