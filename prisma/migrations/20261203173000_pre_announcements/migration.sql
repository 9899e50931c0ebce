-- Public pre-announcements of embargoed notices (issue 17, item 5): a new table only, nothing existing changes.
CREATE TABLE "PreAnnouncement" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "noticeId" TEXT NOT NULL,
    "versionRange" TEXT NOT NULL,
    "disclosureAt" TIMESTAMPTZ(3) NOT NULL,
    "severity" TEXT NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMPTZ(3),
    "createdById" TEXT NOT NULL,

    CONSTRAINT "PreAnnouncement_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "PreAnnouncement_slug_key" ON "PreAnnouncement"("slug");
CREATE UNIQUE INDEX "PreAnnouncement_noticeId_key" ON "PreAnnouncement"("noticeId");
CREATE INDEX "PreAnnouncement_cancelledAt_disclosureAt_idx" ON "PreAnnouncement"("cancelledAt", "disclosureAt");

ALTER TABLE "PreAnnouncement" ADD CONSTRAINT "PreAnnouncement_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
