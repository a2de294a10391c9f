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
  const cursor: Cursor = { input: text.startsWith(BOM) ? text.slice(1) : text, position: 0, line: 1 };
  const records: CsvRecord[] = [];
  while (cursor.position < cursor.input.length) {
    const startLine = cursor.line;
    const record = readRecord(cursor);
    if (!record.ok) return record;
    const blank = !record.quotedAny && record.fields.every((field) => field.trim() === '');
    if (!blank) records.push({ line: startLine, fields: record.fields });
  }
  return { ok: true, records };
}

/** Where reading has got to: the text, the offset in it, and the file line that offset is on. */
interface Cursor {
  readonly input: string;
  position: number;
  line: number;
}

type Failure = Extract<CsvParseResult, { ok: false }>;

/** One record: its fields up to a line end (consumed) or the end of the text. */
function readRecord(cursor: Cursor): { ok: true; fields: string[]; quotedAny: boolean } | Failure {
  const { input } = cursor;
  const fields: string[] = [];
  let quotedAny = false;
  for (;;) {
    if (input[cursor.position] === '"') {
      quotedAny = true;
      const quoted = readQuoted(cursor);
      if (typeof quoted !== 'string') return quoted;
      fields.push(quoted);
    } else {
      fields.push(readUnquoted(cursor));
    }
    const separator = input[cursor.position];
    if (separator === ',') {
      cursor.position += 1;
      continue;
    }
    if (separator === '\r') cursor.position += input[cursor.position + 1] === '\n' ? 2 : 1;
    else if (separator === '\n') cursor.position += 1;
    if (separator !== undefined) cursor.line += 1;
    return { ok: true, fields, quotedAny };
  }
}

/** A quoted field, from its opening quote to just after its closing one. */
function readQuoted(cursor: Cursor): string | Failure {
  const { input } = cursor;
  const openedOn = cursor.line;
  let field = '';
  cursor.position += 1;
  for (;;) {
    if (cursor.position >= input.length) {
      return { ok: false, line: openedOn, message: 'A quoted field is never closed: a " is missing.' };
    }
    const char = input[cursor.position] as string;
    if (char === '"') {
      if (input[cursor.position + 1] === '"') {
        field += '"';
        cursor.position += 2;
        continue;
      }
      cursor.position += 1;
      break;
    }
    if (char === '\r' || char === '\n') {
      // A line break inside quotes is part of the field; still a new line of the file.
      if (char === '\r' && input[cursor.position + 1] === '\n') {
        field += '\r';
        cursor.position += 1;
      }
      cursor.line += 1;
    }
    field += input[cursor.position] as string;
    cursor.position += 1;
  }
  const next = input[cursor.position];
  if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
    return {
      ok: false,
      line: cursor.line,
      message:
        'A closing " is followed by more text. Inside a quoted field, write a quote as two quotes ("").',
    };
  }
  return field;
}

/**
 * Unquoted: up to the next comma or line end. A stray quote is kept as text (12" tube), as spreadsheets
 * do, rather than refused.
 */
function readUnquoted(cursor: Cursor): string {
  const { input } = cursor;
  let field = '';
  while (cursor.position < input.length) {
    const char = input[cursor.position] as string;
    if (char === ',' || char === '\r' || char === '\n') break;
    field += char;
    cursor.position += 1;
  }
  return field;
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
