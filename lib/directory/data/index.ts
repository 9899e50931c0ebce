// The directory's data layer: maintainers (with their second factor) only, except getMyOrganisation for vendors and
// colleagues.ts for organisation admins (their own organisation's people only).
export * from "./organisations";
export * from "./people";
export * from "./transfer";
export * from "./invitations";
export * from "./admins";
export * from "./colleagues";
