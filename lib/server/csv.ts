// CSV out: Papa Parse quotes what needs quoting and neutralises spreadsheet formulas (=, +, -, @, tab, CR or LF at a
// cell start). Its default pattern misses a formula followed by a line break, hence the explicit one.
import Papa from "papaparse";

export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  return Papa.unparse({ fields: header, data: rows.map((r) => r.map((v) => (v === null ? "" : v))) }, { escapeFormulae: /^[=+\-@\t\r\n]/, newline: "\r\n" });
}

export function csvResponse(filename: string, body: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
