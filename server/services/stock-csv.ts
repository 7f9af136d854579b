import { AppError } from './errors';

export interface StockCsvRow {
  line: number;
  depotId: string;
  commodityId: string;
  kg: number;
}

const REQUIRED = ['depotId', 'commodityId', 'kg'] as const;
const MAX_ROWS = 50_000;

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
    const kg = Number(kgText);
    if (kgText === '' || !Number.isFinite(kg)) throw new AppError('VALIDATION', `body.line ${line}.kg: "${kgText}" is not a number`, `body.line ${line}.kg`);
    if (kg < 0) throw new AppError('VALIDATION', `body.line ${line}.kg: must not be negative (got ${kg})`, `body.line ${line}.kg`);
    rows.push({ line, depotId, commodityId, kg });
    if (rows.length > MAX_ROWS) throw new AppError('PAYLOAD_TOO_LARGE', `body: at most ${MAX_ROWS} rows per import`, 'body');
  }
  if (rows.length === 0) throw new AppError('VALIDATION', 'body: the CSV holds no data rows', 'body');
  return rows;
}
