import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/server/http/security-headers";
import { UPLOAD_BODY_LIMIT } from "./lib/server/uploads";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files; bundling them copies 16 MB into the output and breaks file lookups.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "proper-lockfile", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: true,
  // CI (.ci/run) type-checks the whole project with `tsc` before the tests build: the build's own pass over the app's
  // files would repeat it. Everywhere else (npm start, npm test) the build still type-checks.
  typescript: { ignoreBuildErrors: process.env.FOREWARN_TYPECHECKED === "1" },
  // Files are attached through a server action, so two framework limits must leave room for the 10 MB file limit
  // (lib/server/uploads.ts) plus the rest of the form, for the app's own check to answer "larger than 10 MB":
  // - serverActions.bodySizeLimit: a larger action body is refused by Next before the action runs;
  // - proxyClientMaxBodySize: proxy.ts runs on every page, and Next buffers the body for it up to this size
  //   (default 10 MB) and silently cuts the rest, so a file just under 10 MB reached the action truncated (a 500).
  experimental: { serverActions: { bodySizeLimit: UPLOAD_BODY_LIMIT }, proxyClientMaxBodySize: UPLOAD_BODY_LIMIT },
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
