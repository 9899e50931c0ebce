// GET /api/audit/archive?from=YYYY-MM-DD&to=YYYY-MM-DD – a date range of the audit log with its chain proof (JSON),
// verifiable on its own; maintainers with their second factor.
import type { NextRequest } from "next/server";
import { exportAuditArchive } from "@/lib/audit/export";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest): Promise<Response> {
  return exportAuditArchive(await getViewer(), Object.fromEntries(req.nextUrl.searchParams), await getRequestInfo());
}
