// The signing data layer: signing with the active key (./sign, used by mail, notices, advisories, reports) and the
// maintainers' key operations (./manage).
export * from "./sign";
export * from "./manage";
export * from "./publish";
