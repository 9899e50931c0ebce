// Why a key is revoked: the reasons OpenPGP knows for a key revocation (RFC 4880 §5.2.3.23), as a maintainer picks
// them. Pure, shared by the form, the schema and the key helpers.
export const REVOCATION_REASON_NAMES = ["compromised", "superseded", "retired"] as const;
export type RevocationReason = (typeof REVOCATION_REASON_NAMES)[number];

export const REVOCATION_REASON_LABELS: Record<RevocationReason, string> = {
  compromised: "The private key may have been exposed",
  superseded: "Replaced by a newer key",
  retired: "No longer used",
};
