-- The CSAF provider directory (CSAF 2.0 §7): each published version of a disclosed notice's TLP:CLEAR document, with
-- the exact bytes served, their hashes and signature. A new table only: additive, safe on a database with data (the
-- publication job fills it for notices disclosed before, see lib/advisories/data/csaf-directory.ts).
CREATE TABLE "CsafPublication" (
    "id" TEXT NOT NULL,
    "noticeId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "releasedAt" TIMESTAMPTZ(3) NOT NULL,
    "contentHash" TEXT NOT NULL,
    "publicRevisions" JSONB NOT NULL DEFAULT '[]',
    "body" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "sha512" TEXT NOT NULL,
    "signature" TEXT,
    "signerFingerprint" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CsafPublication_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "CsafPublication_noticeId_version_key" ON "CsafPublication"("noticeId", "version");

CREATE INDEX "CsafPublication_path_idx" ON "CsafPublication"("path");

ALTER TABLE "CsafPublication" ADD CONSTRAINT "CsafPublication_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
