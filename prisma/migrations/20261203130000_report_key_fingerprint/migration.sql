-- The report key's fingerprint, computed when a maintainer saves the key (Settings), shown without parsing the key.
ALTER TABLE "ProjectSettings" ADD COLUMN "reportKeyFingerprint" TEXT;
