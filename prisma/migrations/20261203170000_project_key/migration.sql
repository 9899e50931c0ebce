-- The project's OpenPGP keys (lib/signing): additive, a new enum and table.
CREATE TYPE "ProjectKeyStatus" AS ENUM ('ACTIVE', 'RETIRED', 'REVOKED');

CREATE TABLE "ProjectKey" (
    "id" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "userIds" TEXT[],
    "publicKey" TEXT NOT NULL,
    "encryptedPrivateKey" TEXT,
    "status" "ProjectKeyStatus" NOT NULL DEFAULT 'ACTIVE',
    "keyCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),
    "publishUntil" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "revocationReason" TEXT,
    "expiresAt" TIMESTAMPTZ(3),
    "origin" TEXT NOT NULL,
    "createdById" TEXT,

    CONSTRAINT "ProjectKey_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ProjectKey_fingerprint_key" ON "ProjectKey"("fingerprint");
CREATE INDEX "ProjectKey_status_idx" ON "ProjectKey"("status");
-- At most one ACTIVE key, held by the database even if two maintainers rotate at once (not expressible in Prisma).
CREATE UNIQUE INDEX "ProjectKey_one_active" ON "ProjectKey"("status") WHERE "status" = 'ACTIVE';
