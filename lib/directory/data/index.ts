// The directory's data layer: maintainers (with their second factor) only, except getMyOrganisation for vendors.
export * from "./organisations";
export * from "./people";
export * from "./transfer";
export * from "./admins";
export * from "./colleagues";
