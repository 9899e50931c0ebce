-- Two-person rule: an approved request whose result the requester collects once (the directory export: approved, then
-- downloaded by the requester alone, once, within a bounded time). Null until collected.
ALTER TABLE "ApprovalRequest" ADD COLUMN "collectedAt" TIMESTAMPTZ(3);
