-- AlterEnum
ALTER TYPE "AccountStatus" ADD VALUE 'PENDING';

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "approvedAt" TIMESTAMPTZ(3),
ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "isAdmin" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Notice" ADD COLUMN     "plannedDisclosureAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "NoticeRecipient" ADD COLUMN     "addReason" TEXT,
ADD COLUMN     "addedById" TEXT,
ADD COLUMN     "removeReason" TEXT,
ADD COLUMN     "removedAt" TIMESTAMPTZ(3),
ADD COLUMN     "removedById" TEXT,
ADD COLUMN     "restricted" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ProjectSettings" ADD COLUMN     "approveColleagues" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "NoticeAccessGrant" (
    "recipientId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "grantedById" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeAccessGrant_pkey" PRIMARY KEY ("recipientId","userId")
);

-- AddForeignKey
ALTER TABLE "NoticeAccessGrant" ADD CONSTRAINT "NoticeAccessGrant_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "NoticeRecipient"("id") ON DELETE CASCADE ON UPDATE CASCADE;
