-- Tracking counts each shown organisation's emails of the notice's dispatches: one index on both columns (it also
-- serves every lookup by organisation alone, so the single-column index goes).
DROP INDEX "OutboxEmail_organisationId_idx";

CREATE INDEX "OutboxEmail_organisationId_dispatchId_idx" ON "OutboxEmail"("organisationId", "dispatchId");
