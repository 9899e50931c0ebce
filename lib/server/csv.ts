// CSV out: Papa Parse quotes what needs quoting and neutralises spreadsheet formulas (=, +, -, @, tab, CR or LF at a
// cell start) by prefixing a quote. Its default pattern misses a formula followed by a line break, hence the explicit
// one. Cells that already start with quotes before such a character get one more, so that `fromCsvCell` can undo
// exactly the one quote the export added (an export re-imports without loss: an armored key starts with "-----").
import Papa from "papaparse";

const FORMULA = /^'*[=+\-@\t\r\n]/;

export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  return Papa.unparse({ fields: header, data: rows.map((r) => r.map((v) => (v === null ? "" : v))) }, { escapeFormulae: FORMULA, newline: "\r\n" });
}

/** The inverse of toCsv's guard, for a cell read back: drops the one quote toCsv put before a formula character. */
export function fromCsvCell(cell: string): string {
  return cell.startsWith("'") && FORMULA.test(cell.slice(1)) ? cell.slice(1) : cell;
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
