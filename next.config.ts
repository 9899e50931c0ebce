import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/server/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files; bundling them copies 16 MB into the output and breaks file lookups.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "proper-lockfile", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: true,
  // Patches are attached through a server action: room for the 10 MB limit (lib/notices/uploads.ts) plus the form.
  experimental: { serverActions: { bodySizeLimit: "11mb" } },
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
