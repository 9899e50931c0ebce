// The tokens data layer: personal API tokens, the API's caller resolution, and the private calendar feed. Every
// function takes the viewer (or the presented secret) first and decides through ../policy.ts.
export * from "./tokens";
export * from "./api";
export * from "./calendar";
