/** Reads a merchant's packaging CSV into profiles, or every problem with it on its file line. */
import { nameKey } from '../../locations/location-record.js';
import { parseCsv } from '../csv-format.js';
import {
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  PACKAGING_CSV_HEADER,
  type LocationRef,
  type PackagingCsvRead,
} from '../packaging-csv.js';
import { groupRows } from './group-rows.js';
import { ProblemList } from './problem-list.js';
import { readHeader } from './read-header.js';
import { readRow, type RowDraft } from './read-row.js';

export function readPackagingCsv(text: string, locations: readonly LocationRef[]): PackagingCsvRead {
  const problems = new ProblemList();
  if (Buffer.byteLength(text, 'utf8') > MAX_CSV_BYTES) {
    problems.add({
      line: 1,
      message: `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB: split it.`,
    });
    return problems.result();
  }
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    problems.add({ line: parsed.line, message: parsed.message });
    return problems.result();
  }
  const [headerRecord, ...rows] = parsed.records;
  if (headerRecord === undefined) {
    problems.add({
      line: 1,
      message: `The file is empty. Its first line must be the header: ${PACKAGING_CSV_HEADER.join(',')}`,
    });
    return problems.result();
  }
  const header = readHeader(headerRecord.fields, headerRecord.line, problems);
  if (header === undefined) return problems.result();
  if (rows.length > MAX_CSV_ROWS) {
    const first = rows[MAX_CSV_ROWS];
    problems.add({
      line: first?.line ?? headerRecord.line,
      message: `The file has ${rows.length} rows; at most ${MAX_CSV_ROWS} are read at once. Split it.`,
    });
    return problems.result();
  }

  const resolveLocation = locationResolver(locations);
  const drafts: RowDraft[] = [];
  for (const record of rows) {
    const draft = readRow(record.fields, record.line, header, resolveLocation, problems);
    if (draft) drafts.push(draft);
  }
  const profiles = groupRows(drafts, problems);
  return problems.count > 0 ? problems.result() : { ok: true, profiles, rows: rows.length };
}

function locationResolver(locations: readonly LocationRef[]): (ref: string) => string | undefined {
  const byId = new Map(locations.map((location) => [location.id, location.id]));
  const byName = new Map(locations.map((location) => [nameKey(location.name), location.id]));
  return (ref) => byId.get(ref) ?? byName.get(nameKey(ref));
}
