-- A notice sent to a frozen audience queues its emails in chunks (issue 15). Additive: a new table and an index.

-- CreateTable
CREATE TABLE "NoticeSend" (
    "id" UUID NOT NULL,
    "noticeId" TEXT NOT NULL,
    "dispatchId" TEXT NOT NULL,
    "organisationIds" TEXT[],
    "chunkSize" INTEGER NOT NULL,
    "chunksDone" INTEGER NOT NULL DEFAULT 0,
    "organisationsDone" INTEGER NOT NULL DEFAULT 0,
    "emails" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "stoppedReason" TEXT,

    CONSTRAINT "NoticeSend_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NoticeSend_noticeId_idx" ON "NoticeSend"("noticeId");

-- CreateIndex
CREATE INDEX "OutboxEmail_dispatchId_toAddress_idx" ON "OutboxEmail"("dispatchId", "toAddress");

-- AddForeignKey
ALTER TABLE "NoticeSend" ADD CONSTRAINT "NoticeSend_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
