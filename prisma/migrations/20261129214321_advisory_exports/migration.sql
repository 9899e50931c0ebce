-- AlterTable
ALTER TABLE "Notice" ADD COLUMN     "affectedPackages" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "announcementBody" TEXT,
ADD COLUMN     "announcementDispatchId" TEXT,
ADD COLUMN     "announcementSubject" TEXT,
ADD COLUMN     "mitigation" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "references" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "workaround" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "ProjectSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "repositoryUrl" TEXT,
    "packages" JSONB NOT NULL DEFAULT '[]',
    "publisherName" TEXT NOT NULL,
    "publisherNamespace" TEXT NOT NULL,
    "osvPrefix" TEXT NOT NULL,
    "announceAddress" TEXT,
    "defaultDisclosureTime" TEXT NOT NULL DEFAULT '14:00',
    "defaultDisclosureZone" TEXT NOT NULL DEFAULT 'UTC',
    "updatedById" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProjectSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Notice_announcementDispatchId_key" ON "Notice"("announcementDispatchId");

-- One row: the settings of this instance.
ALTER TABLE "ProjectSettings" ADD CONSTRAINT "ProjectSettings_single_row" CHECK ("id" = 1);
