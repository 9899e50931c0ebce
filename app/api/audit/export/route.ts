// GET /api/audit/export – the audit log as CSV (filters as on the audit page); maintainers with their second factor.
import type { NextRequest } from "next/server";
import { exportAuditCsv } from "@/lib/audit/export";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest): Promise<Response> {
  return exportAuditCsv(Object.fromEntries(req.nextUrl.searchParams));
}
