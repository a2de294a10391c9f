import { describe, expect, it } from 'vitest';
import {
  MAX_CSV_ROWS,
  MAX_REPORTED_PROBLEMS,
  PACKAGING_CSV_HEADER,
  type CsvProblem,
  type PackagingCsvRead,
} from '../../../core/catalog/packaging-csv.js';
import { readPackagingCsv } from '../../../core/catalog/packaging-csv/read-packaging-csv.js';
import { writePackagingCsv } from '../../../core/catalog/packaging-csv/write-packaging-csv.js';
import type { PackagingProfile } from '../../../core/catalog/packaging-profile.js';

const HEADER = PACKAGING_CSV_HEADER.join(',');
/** The header of files written before `ships_alone` (#15): such files must keep importing as they did. */
const TEN_COLUMNS =
  'sku,variant_id,package_type,length_cm,width_cm,height_cm,weight_kg,quantity,locations,consolidatable';
const LOCATIONS = [
  { id: 'loc_AAAAAAAAAAAAAAAA', name: 'Sydney DC' },
  { id: 'loc_BBBBBBBBBBBBBBBB', name: 'Melbourne, Truganina' },
];

function ok(result: PackagingCsvRead) {
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result;
}

function problems(result: PackagingCsvRead): CsvProblem[] {
  if (result.ok) throw new Error('expected problems, the file was accepted');
  return [...result.problems];
}

describe('reading the packaging CSV', () => {
  it('reads the documented header: one row per package, several rows for several packages', () => {
    const text = [
      HEADER,
      'CHAIR-1,,carton,60,50,40,12.5,1,Sydney DC,true,',
      'CHAIR-1,,carton,30,30,10,2,2,,,',
      ',4412,satchel,30,20,5,0.4,,,,yes',
    ].join('\n');
    const { profiles, rows } = ok(readPackagingCsv(text, LOCATIONS));
    expect(rows).toBe(3);
    expect(profiles).toEqual([
      {
        key: 'sku:CHAIR-1',
        sku: 'CHAIR-1',
        packages: [
          { type: 'carton', lengthCm: 60, widthCm: 50, heightCm: 40, weightKg: 12.5, quantity: 1 },
          { type: 'carton', lengthCm: 30, widthCm: 30, heightCm: 10, weightKg: 2, quantity: 2 },
        ],
        locationIds: ['loc_AAAAAAAAAAAAAAAA'],
        consolidatable: true,
      },
      {
        key: 'variant:4412',
        variantId: '4412',
        packages: [{ type: 'satchel', lengthCm: 30, widthCm: 20, heightCm: 5, weightKg: 0.4, quantity: 1 }],
        locationIds: [],
        consolidatable: false,
        shipsAlone: true,
      },
    ]);
  });

  it('reads a file written before ships_alone as it did then: nobody ships alone', () => {
    const rows = ['CHAIR-1,,carton,60,50,40,12.5,1,Sydney DC,true', ',4412,satchel,30,20,5,0.4,,,'];
    const { profiles } = ok(readPackagingCsv([TEN_COLUMNS, ...rows].join('\n'), LOCATIONS));
    expect(profiles.map((profile) => Object.keys(profile).includes('shipsAlone'))).toEqual([false, false]);
    // The same file with the column, left empty or false, reads the same profiles.
    for (const cell of ['', 'false']) {
      const text = [HEADER, ...rows.map((row) => `${row},${cell}`)].join('\n');
      expect(ok(readPackagingCsv(text, LOCATIONS)).profiles).toEqual(profiles);
    }
  });

  it('takes ships_alone from any row of the product, refusing rows that disagree or a word it cannot read', () => {
    const agreed = [HEADER, 'TV,,carton,120,20,80,25,1,,,', 'TV,,carton,30,30,10,2,1,,,Y'].join('\n');
    expect(ok(readPackagingCsv(agreed, [])).profiles[0]?.shipsAlone).toBe(true);
    const text = [
      HEADER,
      'TV,,carton,120,20,80,25,1,,,true',
      'TV,,carton,30,30,10,2,1,,,no',
      'BIKE,,carton,150,30,80,14,1,,,alone',
    ].join('\n');
    expect(problems(readPackagingCsv(text, [])).map((p) => [p.line, p.column])).toEqual([
      [3, 'ships_alone'],
      [4, 'ships_alone'],
    ]);
  });

  it('accepts a BOM, CRLF, quoted commas, doubled quotes and blank lines', () => {
    const text = `\uFEFF${TEN_COLUMNS}\r\n\r\n"DESK, OAK",,Carton,120,60,10,30,1,"Melbourne, Truganina|Sydney DC",yes\r\n,,,,,,,,,\r\n"LAMP ""XL""",,tube,100,10,10,3,1,loc_AAAAAAAAAAAAAAAA,no\r\n`;
    const { profiles } = ok(readPackagingCsv(text, LOCATIONS));
    expect(profiles.map((p) => [p.key, p.locationIds, p.consolidatable])).toEqual([
      ['sku:DESK, OAK', ['loc_BBBBBBBBBBBBBBBB', 'loc_AAAAAAAAAAAAAAAA'], true],
      ['sku:LAMP "XL"', ['loc_AAAAAAAAAAAAAAAA'], false],
    ]);
  });

  it('converts unit-suffixed columns exactly, in any column order and case', () => {
    const text = [
      'SKU,Weight_g,length_mm,width_in,height_m,package_type',
      'A,1250,455,12,0.3,carton',
      'B,0.4,10,1,0.01,bag',
    ].join('\n');
    const { profiles } = ok(readPackagingCsv(text, []));
    expect(profiles[0]?.packages[0]).toEqual({
      type: 'carton',
      lengthCm: 45.5,
      widthCm: 30.48,
      heightCm: 30,
      weightKg: 1.25,
      quantity: 1,
    });
  });

  it('converts pounds and ounces by their definitions', () => {
    const text = ['sku,package_type,length_in,width_in,height_in,weight_lb', 'A,carton,10,10,10,2.2'].join(
      '\n',
    );
    expect(ok(readPackagingCsv(text, [])).profiles[0]?.packages[0]).toMatchObject({
      lengthCm: 25.4,
      weightKg: 0.997903214,
    });
    const oz = ['sku,package_type,length_cm,width_cm,height_cm,weight_oz', 'A,satchel,10,10,1,1'].join('\n');
    expect(ok(readPackagingCsv(oz, [])).profiles[0]?.packages[0]?.weightKg).toBe(0.028349523125);
  });

  it('flags grams typed into weight_kg and millimetres into length_cm, suggesting the column name', () => {
    const text = [TEN_COLUMNS, 'A,,carton,2400,40,30,1200,1,,'].join('\n');
    const found = problems(readPackagingCsv(text, []));
    expect(found).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'length_cm',
        message: expect.stringContaining('length_mm'),
      }),
      expect.objectContaining({ line: 2, column: 'weight_kg', message: expect.stringContaining('weight_g') }),
    ]);
    expect(found[0]?.message).toBe(
      'A length of 2400 cm is more than 15 m: was it measured in millimetres? If so, name the column length_mm (or length_m for metres).',
    );
  });

  it('flags a 0 or negative dimension and a weight of 0', () => {
    const text = [TEN_COLUMNS, 'A,,carton,0,-5,10,0,1,,'].join('\n');
    expect(problems(readPackagingCsv(text, [])).map((p) => p.column)).toEqual([
      'length_cm',
      'width_cm',
      'weight_kg',
    ]);
  });

  it('explains units written into cells and decimal commas', () => {
    const text = [TEN_COLUMNS, 'A,,carton,10cm,10,10,"1,5",1,,', 'B,,carton,10,10,10,2 kg,1,,'].join('\n');
    const found = problems(readPackagingCsv(text, []));
    expect(found.map((p) => [p.line, p.column])).toEqual([
      [2, 'length_cm'],
      [2, 'weight_kg'],
      [3, 'weight_kg'],
    ]);
    expect(found[0]?.message).toContain('unit');
    expect(found[1]?.message).toContain('point');
  });

  it('names unknown columns, unit-less columns and units it does not convert', () => {
    const found = problems(
      readPackagingCsv('sku,package_type,length,width_cm,height_cm,weight_stone,colour\n', []),
    );
    const text = found.map((p) => p.message).join('\n');
    expect(found.every((p) => p.line === 1)).toBe(true);
    expect(text).toContain('"length" needs its unit');
    expect(text).toContain('"weight_stone"');
    expect(text).toContain('"colour"');
    expect(text).toContain('Missing columns: length_cm, weight_kg');
  });

  it('takes object-prototype names for what they are: unknown units', () => {
    for (const column of ['weight___proto__', 'length_constructor', 'width_toString']) {
      const text = `sku,package_type,length_cm,width_cm,height_cm,weight_kg,${column}\n`;
      expect(problems(readPackagingCsv(text, [])).map((p) => p.column)).toContain(column);
    }
    expect(problems(readPackagingCsv('sku,constructor\n', []))[0]?.message).toContain('"constructor"');
  });

  it('names missing required columns', () => {
    const found = problems(readPackagingCsv('package_type,length_cm\n', []));
    expect(found[0]?.message).toBe(
      'Missing columns: sku or variant_id, width_cm, height_cm, weight_kg. Is the first line the header?',
    );
  });

  it('refuses two columns that say the same thing', () => {
    const found = problems(readPackagingCsv(`${TEN_COLUMNS},weight_g\n`, []));
    expect(found[0]).toMatchObject({ line: 1, column: 'weight_g' });
  });

  it("reports the file's own line numbers: header is 1, blank lines and quoted line breaks count", () => {
    const text = [
      TEN_COLUMNS, // 1
      '', // 2
      '"MULTI', // 3
      'LINE",,carton,10,10,10,1,1,,', // 4
      '', // 5
      'GOOD,,carton,10,10,10,1,1,,', // 6
      'BAD,,crate-ish,10,10,10,1,1,,', // 7
    ].join('\r\n');
    expect(problems(readPackagingCsv(text, []))).toEqual([
      { line: 3, column: 'sku', message: 'The SKU contains a line break or control character.' },
      {
        line: 7,
        column: 'package_type',
        message: expect.stringContaining('"crate-ish" is not a package type'),
      },
    ]);
  });

  it('reports a row with the wrong number of fields (an unquoted comma)', () => {
    const text = [TEN_COLUMNS, 'DESK, OAK,,carton,120,60,10,30,1,,'].join('\n');
    expect(problems(readPackagingCsv(text, []))[0]).toMatchObject({
      line: 2,
      message: expect.stringContaining('11 fields but the header has 10'),
    });
    expect(problems(readPackagingCsv(`${TEN_COLUMNS}\nA,,carton,1,1,1,1,1,\n`, []))[0]?.message).toContain(
      '9 fields but the header has 10',
    );
  });

  it('needs a sku or a variant id, an existing location and a known package type', () => {
    const text = [
      TEN_COLUMNS,
      ',,carton,10,10,10,1,1,,',
      'A,,carton,10,10,10,1,1,Perth DC,',
      'B,,carton,10,,10,1,1,,',
    ].join('\n');
    expect(problems(readPackagingCsv(text, LOCATIONS)).map((p) => [p.line, p.column])).toEqual([
      [2, 'sku'],
      [3, 'locations'],
      [4, 'width_cm'],
    ]);
  });

  it('refuses a variant id a spreadsheet put in scientific notation', () => {
    const text = [TEN_COLUMNS, ',4.41234E+13,carton,10,10,10,1,1,,'].join('\n');
    expect(problems(readPackagingCsv(text, []))[0]?.message).toContain('scientific notation');
  });

  it('refuses rows of one product that disagree on locations or consolidation', () => {
    const text = [
      TEN_COLUMNS,
      'A,,carton,10,10,10,1,1,Sydney DC,true',
      'A,,carton,10,10,10,1,1,,', // empty: inherits
      'A,,carton,10,10,10,1,1,"Melbourne, Truganina",false',
    ].join('\n');
    expect(problems(readPackagingCsv(text, LOCATIONS)).map((p) => [p.line, p.column])).toEqual([
      [4, 'locations'],
      [4, 'consolidatable'],
    ]);
  });

  it('accepts a row without package cells: it only sets locations', () => {
    const text = [TEN_COLUMNS, 'A,,,,,,,,Sydney DC,'].join('\n');
    expect(ok(readPackagingCsv(text, LOCATIONS)).profiles[0]).toMatchObject({
      packages: [],
      locationIds: ['loc_AAAAAAAAAAAAAAAA'],
    });
  });

  it('refuses an empty file and more than the row limit', () => {
    expect(problems(readPackagingCsv('', []))[0]).toMatchObject({
      line: 1,
      message: expect.stringContaining('empty'),
    });
    const rows = Array.from({ length: MAX_CSV_ROWS + 1 }, (_, i) => `S${i},,carton,1,1,1,1,1,,`);
    const found = problems(readPackagingCsv([TEN_COLUMNS, ...rows].join('\n'), []));
    expect(found).toEqual([{ line: MAX_CSV_ROWS + 2, message: expect.stringContaining('20000') }]);
  });

  it('lists at most 100 problems and counts the rest', () => {
    const rows = Array.from({ length: 150 }, (_, i) => `S${i},,box,1,1,1,1,1,,`);
    const result = readPackagingCsv([TEN_COLUMNS, ...rows].join('\n'), []);
    expect(result).toMatchObject({ ok: false, moreProblems: 50 });
    expect(problems(result)).toHaveLength(MAX_REPORTED_PROBLEMS);
  });
});

describe('writing the packaging CSV', () => {
  const profiles: PackagingProfile[] = [
    {
      key: 'sku:DESK, "OAK"',
      sku: 'DESK, "OAK"',
      packages: [
        { type: 'carton', lengthCm: 120, widthCm: 60, heightCm: 10, weightKg: 30.25, quantity: 1 },
        {
          type: 'carton',
          lengthCm: 45.5,
          widthCm: 30.48,
          heightCm: 0.1,
          weightKg: 0.028349523125,
          quantity: 3,
        },
      ],
      locationIds: ['loc_BBBBBBBBBBBBBBBB', 'loc_AAAAAAAAAAAAAAAA'],
      consolidatable: true,
      shipsAlone: true,
      updatedAt: '2025-01-01T00:00:00.000Z',
    },
    {
      key: 'variant:gid://shopify/ProductVariant/9',
      sku: 'LAMP',
      variantId: 'gid://shopify/ProductVariant/9',
      packages: [],
      locationIds: ['loc_AAAAAAAAAAAAAAAA', 'loc_DELETEDDELETEDD'],
      consolidatable: false,
      updatedAt: '2025-01-01T00:00:00.000Z',
    },
  ];

  it('writes the documented header and imports back to the same profiles', () => {
    const text = writePackagingCsv(profiles, LOCATIONS);
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    expect(HEADER.endsWith(',consolidatable,ships_alone')).toBe(true);
    // Every row of a product carries its flags: DESK ships alone (both its packages), LAMP does not.
    expect(
      text
        .split('\r\n')
        .slice(1, 4)
        .map((row) => row.split(',').at(-1)),
    ).toEqual(['true', 'true', 'false']);
    const { profiles: read } = ok(readPackagingCsv(text, LOCATIONS));
    expect(read).toEqual(
      profiles.map(({ updatedAt: _updatedAt, ...profile }) => ({
        ...profile,
        // A deleted location cannot be written or read back.
        locationIds: profile.locationIds.filter((id) => id !== 'loc_DELETEDDELETEDD'),
      })),
    );
  });
});
