// Viewer objects for data-layer tests, shaped exactly as getViewer() builds them.
import type { MaintainerViewer, ReporterViewer, VendorViewer } from "@/lib/server/viewer-types";

export function maintainer(user: { id: string; email: string }, overrides: Partial<MaintainerViewer> = {}): MaintainerViewer {
  return { kind: "maintainer", userId: user.id, email: user.email, name: null, sessionId: "test-session", secondFactor: true, totpEnrolled: true, ...overrides };
}

export function vendor(user: { id: string; email: string }, org: { id: string; name: string }, overrides: Partial<VendorViewer> = {}): VendorViewer {
  return {
    kind: "vendor",
    userId: user.id,
    email: user.email,
    name: null,
    sessionId: "test-session",
    secondFactor: false,
    totpEnrolled: false,
    organisationId: org.id,
    organisationName: org.name,
    orgAdmin: false,
    ...overrides,
  };
}

export function reporter(user: { id: string; email: string }, overrides: Partial<ReporterViewer> = {}): ReporterViewer {
  return { kind: "reporter", userId: user.id, email: user.email, name: null, sessionId: "test-session", secondFactor: false, totpEnrolled: false, ...overrides };
}
