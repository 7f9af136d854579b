import { AppError } from '../errors';

export interface StockCsvRow {
  line: number;
  depotId: string;
  commodityId: string;
  kg: number;
}

const REQUIRED = ['depotId', 'commodityId', 'kg'] as const;
const MAX_ROWS = 50_000;
/** The JSON API's bound for a stock quantity (server/http/schemas.ts, `kg`). */
export const MAX_STOCK_KG = 100_000_000;
const PLAIN_DECIMAL = /^\d{1,15}(\.\d{1,6})?$/;

/**
 * A quantity as people write one in a spreadsheet: digits with an optional decimal point. Number() would
 * also take 1e308, 0x10, 0b1, "Infinity" and blanks inside, none of which a stock count is (issue 15).
 */
function parseKg(text: string, line: number): number {
  const at = `body.line ${line}.kg`;
  const where = `line ${line}, column "kg"`;
  if (/^-\d/.test(text)) throw new AppError('VALIDATION', `${at}: ${where} must not be negative (got ${text})`, at);
  if (!PLAIN_DECIMAL.test(text)) {
    throw new AppError('VALIDATION', `${at}: ${where} holds "${text.slice(0, 40)}", which is not a plain decimal number of kg (digits, optionally a point and up to 6 decimals)`, at);
  }
  const kg = Number(text);
  if (kg > MAX_STOCK_KG) throw new AppError('VALIDATION', `${at}: ${where} is implausibly large (${text} kg; at most ${MAX_STOCK_KG})`, at);
  return kg;
}

/** Parses `depotId,commodityId,kg` CSV (header required, any column order, no quoted commas needed). */
export function parseStockCsv(text: string): StockCsvRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  for (const column of REQUIRED) {
    if (!header.includes(column)) throw new AppError('VALIDATION', `body.line 1: the header must name the column "${column}" (got "${lines[0] ?? ''}")`, 'body.line 1');
  }
  const index = Object.fromEntries(REQUIRED.map((c) => [c, header.indexOf(c)])) as Record<(typeof REQUIRED)[number], number>;
  const rows: StockCsvRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const cells = raw.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    const depotId = cells[index.depotId] ?? '';
    const commodityId = cells[index.commodityId] ?? '';
    const kgText = cells[index.kg] ?? '';
    if (!depotId) throw new AppError('VALIDATION', `body.line ${line}.depotId: is empty`, `body.line ${line}.depotId`);
    if (!commodityId) throw new AppError('VALIDATION', `body.line ${line}.commodityId: is empty`, `body.line ${line}.commodityId`);
    const kg = parseKg(kgText, line);
    rows.push({ line, depotId, commodityId, kg });
    if (rows.length > MAX_ROWS) throw new AppError('PAYLOAD_TOO_LARGE', `body: at most ${MAX_ROWS} rows per import`, 'body');
  }
  if (rows.length === 0) throw new AppError('VALIDATION', 'body: the CSV holds no data rows', 'body');
  return rows;
}
