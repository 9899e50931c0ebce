-- The end of the audit chain in one row, so that an event is appended and chained in one statement (no advisory lock
-- and no read of the newest event first). Additive; starts from the newest event already stored.
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "hash" TEXT,
    "prev" TEXT,

    CONSTRAINT "AuditHead_pkey" PRIMARY KEY ("id")
);

INSERT INTO "AuditHead" ("id", "hash", "prev")
SELECT 1, e."hash", e."prevHash" FROM "AuditEvent" e ORDER BY e."seq" DESC LIMIT 1
ON CONFLICT ("id") DO NOTHING;
