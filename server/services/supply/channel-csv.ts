import { CHANNEL_KINDS, type SupplyChannelInput } from '../../contract';
import { parseCsv } from '../../contract/csv';
import { AppError } from '../errors';

// Supply channels from a spreadsheet: one row per channel. Columns (header required, any order):
//   id, districtId, name, kind, zoneIds, opensAt, closesAt, activeFrom            required
//   nameEn, tiers, activeUntil, note                                               optional
//   kgPerDay.<commodity>, ordersPerDay.<commodity>, kgPerOrder.<commodity>         capacity, any commodities
// zoneIds and tiers list ids separated by ";" (or "|"). Numbers are plain decimals. The rows go through the same
// schema and service checks as the JSON API, each refusal naming `body.row <line>.<field>`.

export const CHANNEL_CSV_REQUIRED = ['id', 'districtId', 'name', 'kind', 'zoneIds', 'opensAt', 'closesAt', 'activeFrom'] as const;
const OPTIONAL = ['nameEn', 'tiers', 'activeUntil', 'note'];
const CAPACITY = /^(kgPerDay|ordersPerDay|kgPerOrder)\.([A-Za-z0-9_.:-]+)$/;
const PLAIN_DECIMAL = /^\d{1,15}(\.\d{1,6})?$/;
const MAX_ROWS = 5_000;

export interface ChannelCsvRow {
  line: number;
  input: SupplyChannelInput;
}

const fail = (field: string, message: string) => new AppError('VALIDATION', `${field}: ${message}`, field);
const list = (text: string) => text.split(/[;|]/).map((s) => s.trim()).filter((s) => s !== '');

/** Rows as API inputs; shape errors (missing cells, bad numbers) refused here, the rest by the schema and service. */
export function parseChannelCsv(text: string): ChannelCsvRow[] {
  let rows;
  try {
    rows = parseCsv(text);
  } catch (err) {
    throw fail('body', err instanceof Error ? err.message : String(err));
  }
  const [head, ...data] = rows;
  const header = (head?.cells ?? []).map((h) => h.trim());
  for (const column of CHANNEL_CSV_REQUIRED) {
    if (!header.includes(column)) throw fail('body.row 1', `the header must name the column "${column}" (got "${header.join(',')}")`);
  }
  header.forEach((h, i) => {
    if (!CHANNEL_CSV_REQUIRED.includes(h as never) && !OPTIONAL.includes(h) && !CAPACITY.test(h)) {
      throw fail(`body.row 1.${h || `column ${i + 1}`}`, `unknown column "${h}" (capacity columns are kgPerDay.<commodity>, ordersPerDay.<commodity>, kgPerOrder.<commodity>)`);
    }
  });
  if (data.length === 0) throw fail('body', 'the CSV holds no data rows');
  if (data.length > MAX_ROWS) throw new AppError('PAYLOAD_TOO_LARGE', `body: at most ${MAX_ROWS} rows per import`, 'body');
  return data.map(({ line, cells }) => {
    const at = `body.row ${line}`;
    const get = (column: string): string => (cells[header.indexOf(column)] ?? '').trim();
    if (cells.length > header.length) throw fail(at, `holds ${cells.length} cells, the header ${header.length}`);
    for (const column of CHANNEL_CSV_REQUIRED) if (column !== 'zoneIds' && get(column) === '') throw fail(`${at}.${column}`, 'is empty');
    const kind = get('kind');
    if (!CHANNEL_KINDS.includes(kind as never)) throw fail(`${at}.kind`, `must be one of ${CHANNEL_KINDS.join(', ')} (got "${kind}")`);
    const capacity: SupplyChannelInput['capacity'] = {};
    header.forEach((h, i) => {
      const m = CAPACITY.exec(h);
      const raw = (cells[i] ?? '').trim();
      if (!m || raw === '') return;
      if (!PLAIN_DECIMAL.test(raw)) throw fail(`${at}.${h}`, `"${raw.slice(0, 40)}" is not a plain non-negative decimal number`);
      capacity[m[2]!] = { ...capacity[m[2]!], [m[1]!]: Number(raw) };
    });
    const input: SupplyChannelInput = {
      id: get('id'), districtId: get('districtId'), name: get('name'), kind: kind as SupplyChannelInput['kind'], zoneIds: list(get('zoneIds')),
      capacity, opensAt: get('opensAt'), closesAt: get('closesAt'), activeFrom: get('activeFrom'),
      ...(header.includes('nameEn') ? { nameEn: get('nameEn') } : {}),
      ...(header.includes('tiers') ? { tiers: list(get('tiers')) } : {}),
      ...(header.includes('activeUntil') ? { activeUntil: get('activeUntil') || null } : {}),
      ...(header.includes('note') ? { note: get('note') } : {}),
    };
    return { line, input };
  });
}
