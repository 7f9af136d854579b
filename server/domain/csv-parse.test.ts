import { describe, expect, it } from 'vitest';
import { csvText, parseCsv } from '../contract/csv';

describe('parseCsv', () => {
  it('reads back what csvText writes: quoted commas, quotes and line breaks, BOM and CRLF', () => {
    const rows = [['id', 'name', 'note'], ['a', '华润, 海龙', 'says "hi"\nsecond line'], ['b', 'plain', '']];
    expect(parseCsv(csvText(rows)).map((r) => r.cells)).toEqual(rows);
  });

  it('numbers each row by the line it starts on and skips blank lines', () => {
    const parsed = parseCsv('h1,h2\n\n"x\ny",1\nz,2\n');
    expect(parsed.map((r) => [r.line, r.cells])).toEqual([[1, ['h1', 'h2']], [3, ['x\ny', '1']], [5, ['z', '2']]]);
  });

  it('refuses an unclosed quote, naming its line', () => {
    expect(() => parseCsv('a,b\n"open,1\n')).toThrow(/line 2/);
  });
});
