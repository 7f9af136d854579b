import { describe, expect, it } from 'vitest';
import { csvCell, csvText } from './csv';

describe('CSV cells (issue 15: formula injection)', () => {
  it('prefixes text a spreadsheet would run as a formula with an apostrophe (OWASP)', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+86 138')).toBe("'+86 138");
    expect(csvCell('-2+3+cmd|\' /C calc\'!A0')).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('=HYPERLINK("http://x","点我")')).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csvCell('-5')).toBe("'-5");
  });

  it('leaves other text alone but quotes separators, quotes and line breaks', () => {
    expect(csvCell('东门 1号卡口')).toBe('东门 1号卡口');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('')).toBe('');
    expect(csvCell(null)).toBe('');
  });

  it('writes numbers the code produces as numbers, negative ones included', () => {
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(-73.98)).toBe('-73.98');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('joins rows with CRLF after a BOM', () => {
    expect(csvText([['a', 1], ['=b', -2]])).toBe("\uFEFFa,1\r\n'=b,-2\r\n");
  });
});
