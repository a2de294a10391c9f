import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from '../../../core/catalog/csv-format.js';

function records(text: string) {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(`line ${result.line}: ${result.message}`);
  return result.records.map((record) => [record.line, ...record.fields]);
}

describe('parseCsv', () => {
  it('skips a UTF-8 byte order mark', () => {
    expect(records('\uFEFFsku,qty\nA,1\n')).toEqual([
      [1, 'sku', 'qty'],
      [2, 'A', '1'],
    ]);
  });

  it('reads CRLF, LF and lone CR line ends alike', () => {
    expect(records('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      [1, 'a', 'b'],
      [2, 'c', 'd'],
      [3, 'e', 'f'],
      [4, 'g', 'h'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    expect(records('"Box, large","12"" tube","two\r\nlines"\nnext,"",x\n')).toEqual([
      [1, 'Box, large', '12" tube', 'two\r\nlines'],
      [3, 'next', '', 'x'],
    ]);
  });

  it('skips blank lines and all-comma rows but counts them as lines', () => {
    expect(records('h1,h2\n\n  \n,,\r\nA,1\n\n')).toEqual([
      [1, 'h1', 'h2'],
      [5, 'A', '1'],
    ]);
  });

  it('keeps a row of empty quoted fields: someone wrote it on purpose', () => {
    expect(records('a,b\n"",""\n')).toEqual([
      [1, 'a', 'b'],
      [2, '', ''],
    ]);
  });

  it('takes a stray quote in an unquoted field as text', () => {
    expect(records('12" tube,x')).toEqual([[1, '12" tube', 'x']]);
  });

  it('reports an unclosed quote on the line it opened', () => {
    expect(parseCsv('a,b\nc,"open\nmore\n')).toMatchObject({ ok: false, line: 2 });
  });

  it('reports text after a closing quote', () => {
    expect(parseCsv('a,b\n"x"y,z\n')).toMatchObject({ ok: false, line: 2 });
  });

  it('keeps a trailing empty field', () => {
    expect(records('a,\n')).toEqual([[1, 'a', '']]);
  });
});

describe('formatCsv', () => {
  it('quotes only what must be quoted and round-trips', () => {
    const rows = [
      ['sku', 'note'],
      ['A,1', 'say "hi"'],
      [' padded', 'multi\nline'],
      ['plain', ''],
    ];
    const text = formatCsv(rows, { bom: true });
    expect(text.startsWith('\uFEFFsku,note\r\n"A,1","say ""hi"""\r\n')).toBe(true);
    const parsed = parseCsv(text);
    expect(parsed.ok && parsed.records.map((record) => record.fields)).toEqual(rows);
  });
});
