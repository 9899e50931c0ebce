// The attachment rule is shared with the report form (lib/reports sits below notices): it lives in lib/server.
export * from "@/lib/server/uploads";
