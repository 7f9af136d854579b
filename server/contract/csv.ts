// CSV cells for every CSV we write (the daily report on the server, van manifests in the web): one
// function, so every export escapes alike.
//
// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell starting with = + - @ (or tab / CR /
// LF, which some strip first) as a formula, e.g. a zone named `=HYPERLINK(...)`. Text cells starting so get
// a leading apostrophe, which shows the text and runs nothing.
//
// Numbers are another matter, decided here: a cell the code writes as a JS number (kg, coordinates, counts)
// stays a number, negative ones included. String(n) of a number is only digits, one sign, a point and an
// exponent (or NaN / Infinity), which no spreadsheet runs, and prefixing would turn -1.5 into text. So
// only strings, which is where user text arrives, get the prefix: never pass user text in as a number.

const FORMULA_START = /^[=+\-@\t\r\n]/;

/** One RFC 4180 cell: formula-like text prefixed with ', quoted when it holds a separator, quote or line break. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as CSV text: CRLF line ends, and a BOM so Excel reads the Chinese as UTF-8. */
export function csvText(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * Reads RFC 4180 CSV (what csvText writes, and what spreadsheets save): quoted cells may hold commas, quotes
 * ("") and line breaks; a leading BOM is dropped. Returns the rows with the 1-based line each starts on, blank
 * lines left out. An unclosed quote throws a RangeError naming its line.
 */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const src = text.replace(/^\uFEFF/, '');
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; cell += ch; }
    } else if (ch === '"' && cell.trim() === '') { quoted = true; quoteLine = line; cell = ''; }
    else if (ch === ',') { cells.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) throw new RangeError(`line ${quoteLine}: a quoted cell is never closed`);
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}
