/**
 * MachShip's OpenAPI document (../shared/reference/machship/openapi.json) as a validator: the request
 * body schema of each route, checked with ajv, and the errors put the way MachShip puts them, as a
 * `MachshipValidationResultV2` list. Shared by the conformance test and the fake MachShip.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readReference } from '../support/platform-reference.js';

export interface MachShipValidationResult {
  readonly memberNames: readonly string[];
  readonly errorMessage: string;
  /** As the live API sends it: the label, not the document's integer. */
  readonly validationType: 'Error';
}

type Content = Record<string, { readonly schema?: { $ref?: string } }>;
interface OpenApiOperation {
  readonly requestBody?: { readonly content?: Content };
  readonly responses?: Record<string, { readonly content?: Content }>;
  readonly parameters?: readonly { readonly name: string; readonly in: string }[];
}
type OpenApiDocument = {
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components: { readonly schemas: Record<string, unknown> };
};

export interface MachShipOpenApi {
  /** The operation for `method` and `path` (no query string), if the document has it. */
  operation(method: string, path: string): OpenApiOperation | undefined;
  /** The component schema name of the operation's JSON request body, if it takes one. */
  bodySchemaName(method: string, path: string): string | undefined;
  /** Validation errors of `body` for the route; empty when it conforms. */
  validateBody(method: string, path: string, body: unknown): readonly MachShipValidationResult[];
  /**
   * Where a 200 reply of the route departs from the document (ajv messages with their paths), reading
   * every integer enum as also allowing its labels as text, which is how the live API sends them.
   */
  validateReply(method: string, path: string, body: unknown): readonly string[];
}

const DOCUMENT_ID = 'machship-openapi';

/** The document, or why it could not be loaded (absent locally: callers skip). */
export function loadMachShipOpenApi(): { ok: true; api: MachShipOpenApi } | { ok: false; reason: string } {
  const file = readReference('machship/openapi.json');
  if (!file.ok) return { ok: false, reason: file.reason };
  const document = JSON.parse(file.text) as OpenApiDocument;
  // OpenAPI 3.0 schemas: `nullable` is an ajv keyword; the document's other extras are not validation.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  for (const name of ['int32', 'int64']) ajv.addFormat(name, { type: 'number', validate: Number.isInteger });
  for (const name of ['double', 'float']) ajv.addFormat(name, { type: 'number', validate: Number.isFinite });
  ajv.addFormat('live-date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/);
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });
  ajv.addSchema({ $id: LIVE_DOCUMENT_ID, components: withTextEnums(document.components) });
  const compiled = new Map<string, ValidateFunction>();

  const operation = (method: string, path: string) => document.paths[path]?.[method.toLowerCase()];
  const bodySchemaName = (method: string, path: string): string | undefined => {
    const ref = operation(method, path)?.requestBody?.content?.['application/json']?.schema?.$ref;
    return ref?.split('/').pop();
  };
  const validatorFor = (name: string, documentId = DOCUMENT_ID): ValidateFunction => {
    const key = `${documentId}:${name}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile({ $ref: `${documentId}#/components/schemas/${name}` });
      compiled.set(key, validate);
    }
    return validate;
  };

  return {
    ok: true,
    api: {
      operation,
      bodySchemaName,
      validateBody(method, path, body) {
        const name = bodySchemaName(method, path);
        if (name === undefined) {
          return body === undefined ? [] : [result('', `${method} ${path} takes no request body`)];
        }
        const validate = validatorFor(name);
        if (validate(body)) return [];
        return (validate.errors ?? []).map(toValidationResult);
      },
      validateReply(method, path, body) {
        const ref = operation(method, path)?.responses?.['200']?.content?.['application/json']?.schema?.$ref;
        const name = ref?.split('/').pop();
        if (name === undefined) return [`${method} ${path} declares no JSON reply`];
        const validate = validatorFor(name, LIVE_DOCUMENT_ID);
        if (validate(body)) return [];
        return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
      },
    },
  };
}

const LIVE_DOCUMENT_ID = 'machship-openapi-live';

/**
 * The components as the live API answers (the reference README): each integer enum described as
 * "0 = Success, 1 = Error, ..." also accepts its labels as text (`"Warning"`, `"Carton"`), and date-times
 * may leave the zone off.
 */
function withTextEnums(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withTextEnums);
  if (typeof node !== 'object' || node === null) return node;
  const schema = node as Record<string, unknown>;
  if (schema['format'] === 'date-time') return { ...schema, format: 'live-date-time' };
  const labels = enumLabels(schema);
  if (labels) {
    const { enum: values, type: _type, format: _format, ...rest } = schema;
    return {
      ...rest,
      anyOf: [
        { type: 'integer', enum: values },
        { type: 'string', enum: labels },
      ],
    };
  }
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, withTextEnums(value)]));
}

function enumLabels(schema: Record<string, unknown>): string[] | undefined {
  if (schema['type'] !== 'integer' || !Array.isArray(schema['enum'])) return undefined;
  const description = typeof schema['description'] === 'string' ? schema['description'] : '';
  const labels = [...description.matchAll(/(\d+) = (\w+)/g)].map((match) => match[2] ?? '');
  return labels.length > 0 ? labels : undefined;
}

function result(member: string, message: string): MachShipValidationResult {
  return { memberNames: member ? [member] : [], errorMessage: message, validationType: 'Error' };
}

/** `/items/0/weight` -> `items[0].weight`, MachShip's member-name form. */
function memberName(error: ErrorObject): string {
  const parts = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'additionalProperties') {
    parts.push(String((error.params as { additionalProperty: string }).additionalProperty));
  }
  if (error.keyword === 'required')
    parts.push(String((error.params as { missingProperty: string }).missingProperty));
  return parts.reduce(
    (name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part),
    '',
  );
}

function toValidationResult(error: ErrorObject): MachShipValidationResult {
  const member = memberName(error);
  const message =
    error.keyword === 'additionalProperties'
      ? `Could not find member '${member}' on the request`
      : error.keyword === 'required'
        ? `The ${member} field is required.`
        : `The value of '${member || 'body'}' is not valid: it ${error.message ?? 'does not match'}.`;
  return result(member, message);
}
