// Who is calling. Every data function takes a Viewer first; policies decide from it alone.

export type AnonymousViewer = { kind: "anonymous" };

type SignedIn = {
  userId: string;
  email: string;
  name: string | null;
  sessionId: string;
  /** The second factor was passed in this session. */
  secondFactor: boolean;
  /** TOTP is enrolled for this account. */
  totpEnrolled: boolean;
};

export type MaintainerViewer = SignedIn & { kind: "maintainer" };
export type VendorViewer = SignedIn & {
  kind: "vendor";
  organisationId: string;
  organisationName: string;
  /**
   * A maintainer made this member an admin of their organisation (read on every request, so a demotion shows at the
   * next one). For the pages only: every write reads the membership again in its own transaction.
   */
  orgAdmin: boolean;
};
/** Someone who reported a vulnerability: reaches only their own reports (lib/reports/policy.ts). */
export type ReporterViewer = SignedIn & { kind: "reporter" };
export type Viewer = AnonymousViewer | MaintainerViewer | VendorViewer | ReporterViewer;
export type SignedInViewer = MaintainerViewer | VendorViewer | ReporterViewer;

export const ANONYMOUS: AnonymousViewer = { kind: "anonymous" };

export type RequestInfo = { ip: string | null; userAgent: string | null };
