// Organisations' OpenPGP keys: the rule is shared with the project's report key (lib/server/pgp-keys.ts).
export { formatFingerprint, inspectPublicKey, type KeyInfo } from "@/lib/server/pgp-keys";
