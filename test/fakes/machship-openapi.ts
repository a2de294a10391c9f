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

interface OpenApiOperation {
  readonly requestBody?: { readonly content?: Record<string, { readonly schema?: { $ref?: string } }> };
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
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });
  const compiled = new Map<string, ValidateFunction>();

  const operation = (method: string, path: string) => document.paths[path]?.[method.toLowerCase()];
  const bodySchemaName = (method: string, path: string): string | undefined => {
    const ref = operation(method, path)?.requestBody?.content?.['application/json']?.schema?.$ref;
    return ref?.split('/').pop();
  };
  const validatorFor = (name: string): ValidateFunction => {
    let validate = compiled.get(name);
    if (!validate) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}#/components/schemas/${name}` });
      compiled.set(name, validate);
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
    },
  };
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
