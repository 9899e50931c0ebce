// The advisories data layer: every function decides through ../policy.ts what the viewer may have.
export * from "./outputs";
export * from "./announcement";
export * from "./publication";
export * from "./cve";
export * from "./csaf-directory";
