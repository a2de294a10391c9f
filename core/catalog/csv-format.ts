/**
 * CSV as RFC 4180 writes it, read the way spreadsheets actually save it: an optional UTF-8 byte order
 * mark, CRLF, LF or lone CR line ends, quoted fields holding commas, line breaks and doubled quotes, and
 * blank lines (also Excel's all-comma empty rows) skipped. Every record keeps the file line it starts on,
 * so problems can be reported where the merchant will look for them.
 */

export interface CsvRecord {
  /** 1-based line of the file the record starts on (blank lines and line breaks inside quotes count). */
  readonly line: number;
  readonly fields: readonly string[];
}

export type CsvParseResult =
  | { readonly ok: true; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly line: number; readonly message: string };

const BOM = '\uFEFF';

export function parseCsv(text: string): CsvParseResult {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let position = 0;

  while (position < input.length) {
    const startLine = line;
    const fields: string[] = [];
    let quotedAny = false;
    let endOfRecord = false;

    while (!endOfRecord) {
      let field = '';
      if (input[position] === '"') {
        quotedAny = true;
        const openedOn = line;
        position += 1;
        for (;;) {
          if (position >= input.length) {
            return { ok: false, line: openedOn, message: 'A quoted field is never closed: a " is missing.' };
          }
          const char = input[position] as string;
          if (char === '"') {
            if (input[position + 1] === '"') {
              field += '"';
              position += 2;
              continue;
            }
            position += 1;
            break;
          }
          if (char === '\r' || char === '\n') {
            // A line break inside quotes is part of the field; still a new line of the file.
            if (char === '\r' && input[position + 1] === '\n') {
              field += '\r';
              position += 1;
            }
            line += 1;
          }
          field += input[position] as string;
          position += 1;
        }
        const next = input[position];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          return {
            ok: false,
            line,
            message:
              'A closing " is followed by more text. Inside a quoted field, write a quote as two quotes ("").',
          };
        }
      } else {
        // Unquoted: up to the next comma or line end. A stray quote is kept as text (12" tube), as
        // spreadsheets do, rather than refused.
        while (position < input.length) {
          const char = input[position] as string;
          if (char === ',' || char === '\r' || char === '\n') break;
          field += char;
          position += 1;
        }
      }
      fields.push(field);

      const separator = input[position];
      if (separator === ',') {
        position += 1;
        continue;
      }
      endOfRecord = true;
      if (separator === '\r') position += input[position + 1] === '\n' ? 2 : 1;
      else if (separator === '\n') position += 1;
      if (separator !== undefined) line += 1;
    }

    const blank = !quotedAny && fields.every((field) => field.trim() === '');
    if (!blank) records.push({ line: startLine, fields });
  }
  return { ok: true, records };
}

/** RFC 4180 text: CRLF line ends, fields quoted only when they must be; optionally with a UTF-8 BOM. */
export function formatCsv(rows: readonly (readonly string[])[], options: { bom?: boolean } = {}): string {
  const body = rows.map((row) => row.map(formatField).join(',')).join('\r\n');
  return `${options.bom ? BOM : ''}${body}\r\n`;
}

function formatField(value: string): string {
  // Leading or trailing spaces are quoted too: some readers trim unquoted fields.
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
