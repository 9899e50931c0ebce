// GET /api/audit/export – the audit log as CSV (filters as on the audit page); maintainers with their second factor.
import type { NextRequest } from "next/server";
import { exportAuditCsv } from "@/lib/audit/export";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest): Promise<Response> {
  return exportAuditCsv(await getViewer(), Object.fromEntries(req.nextUrl.searchParams), await getRequestInfo());
}
