export {
  createCatalog,
  type Catalog,
  type CatalogLine,
  type CatalogOptions,
  type CsvImportResult,
} from './catalog.js';
export { formatCsv, parseCsv, type CsvRecord } from './csv-format.js';
export type { MissingDimensionsItem } from './missing-dimensions.js';
export {
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  PACKAGING_CSV_HEADER,
  readPackagingCsv,
  writePackagingCsv,
  type CsvProblem,
} from './packaging-csv.js';
export {
  MAX_DIMENSION_CM,
  MAX_WEIGHT_KG,
  parseProfileKey,
  plausibilityProblems,
  skuKey,
  variantKey,
  type DefaultBox,
  type PackagingPackage,
  type PackagingProfile,
  type ProfileKey,
} from './packaging-profile.js';
export type { ProductInput, ProductRecord } from './product-record.js';
export {
  decimalText,
  parseLengthUnit,
  parseWeightUnit,
  toCentimetres,
  toKilograms,
  type LengthUnit,
  type WeightUnit,
} from './units.js';
