export * from "./settings";
export * from "./requests";
export * from "./decide";
export * from "./break-glass";
export * from "./collect";
