/**
 * A GraphQL Admin document's cost by Shopify's published rules, for the conformance test and the fake
 * Shopify (the app itself does not compute it: it waits what Shopify's `extensions.cost` says).
 *
 * The rules, from "GraphQL Admin API rate limits" (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits,
 * "Cost calculation"): every field has an integer cost, by default from what it returns: a scalar or an enum
 * 0, an object 1, an interface or a union the maximum of its possible selections, a connection sized by its
 * `first`/`last` argument, a mutation 10. A connection costs 2 plus `first` (or `last`) times the cost of one
 * of its objects (Shopify Engineering, "Rate Limiting GraphQL APIs by Calculating Query Complexity":
 * "Connections: two points plus the number of returned objects"; the 2 cover the connection and its
 * `pageInfo`). "A single query to the API cannot exceed a cost of 1000", checked on the requested cost
 * before execution (https://shopify.dev/docs/api/usage/rate-limits, "Single query limit"); the actual cost,
 * from what came back, is what the bucket keeps (the difference is refunded).
 */
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isObjectType,
  isScalarType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const SINGLE_QUERY_MAX_COST = 1000;
const OBJECT_COST = 1;
const MUTATION_COST = 10;
const CONNECTION_COST = 2;

type Variables = Readonly<Record<string, unknown>>;

interface Walk {
  readonly schema: GraphQLSchema;
  readonly variables: Variables;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Requested: sized by `first`/`last`. Actual: sized by the data that came back. */
  readonly actual: boolean;
}

/** The cost Shopify checks against the single-query limit before running the document. */
export function requestedQueryCost(schema: GraphQLSchema, document: DocumentNode, variables: Variables = {}) {
  return documentCost(schema, document, variables, undefined);
}

/** The cost of what came back (`data`): what the leaky bucket keeps. */
export function actualQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Variables,
  data: unknown,
) {
  return documentCost(schema, document, variables, { data });
}

function documentCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Variables,
  answer: { readonly data: unknown } | undefined,
): number {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('the document has no operation');
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) throw new Error(`the schema has no ${operation.operation} root`);
  const fragments = new Map(
    document.definitions
      .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment] as const),
  );
  const walk: Walk = { schema, variables, fragments, actual: answer !== undefined };
  const rootCost = operation.operation === 'mutation' ? MUTATION_COST : OBJECT_COST;
  return selectionCost(walk, operation.selectionSet, root, answer?.data, rootCost);
}

/** The cost of a selection set on `type`; `ownCost` is what an object field itself costs. */
function selectionCost(
  walk: Walk,
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  data: unknown,
  ownCost = OBJECT_COST,
): number {
  const candidates = isAbstractType(type) ? walk.schema.getPossibleTypes(type) : [type as GraphQLObjectType];
  let most = 0;
  for (const concrete of candidates) {
    let sum = 0;
    for (const field of fieldsOn(walk, selectionSet, concrete)) {
      sum += fieldCost(walk, field, concrete, valueAt(data, field), ownCost);
    }
    most = Math.max(most, sum);
  }
  return most;
}

function fieldCost(
  walk: Walk,
  field: FieldNode,
  parent: GraphQLObjectType,
  data: unknown,
  objectCost: number,
): number {
  if (field.name.value.startsWith('__')) return 0;
  const definition = parent.getFields()[field.name.value];
  if (!definition) throw new Error(`${parent.name}.${field.name.value} is not in the schema`);
  const type = getNamedType(definition.type);
  if (isScalarType(type) || isEnumType(type) || !field.selectionSet) return 0;
  const composite = type as GraphQLCompositeType;
  if (isConnection(type)) return CONNECTION_COST + connectionItemsCost(walk, field, composite, data);
  if (walk.actual && (data === null || data === undefined)) return objectCost;
  return objectCost + selectionCost(walk, field.selectionSet, composite, data);
}

/** `first`/`last` objects (requested) or the objects returned (actual), each at its selection's cost. */
function connectionItemsCost(
  walk: Walk,
  field: FieldNode,
  type: GraphQLCompositeType,
  data: unknown,
): number {
  const selectionSet = field.selectionSet as SelectionSetNode;
  const itemCost = (item: unknown, via: 'nodes' | 'edges') => {
    let sum = 0;
    for (const child of fieldsOn(walk, selectionSet, type as GraphQLObjectType)) {
      const name = child.name.value;
      if (name === 'pageInfo' || name.startsWith('__')) continue;
      if (name !== via) continue;
      const connection = (type as GraphQLObjectType).getFields()[name];
      if (!connection || !child.selectionSet) continue;
      const itemType = getNamedType(connection.type) as GraphQLCompositeType;
      if (name === 'nodes') sum += OBJECT_COST + selectionCost(walk, child.selectionSet, itemType, item);
      else sum += selectionCost(walk, child.selectionSet, itemType, item, OBJECT_COST);
    }
    return sum;
  };
  const otherFields = fieldsOn(walk, selectionSet, type as GraphQLObjectType).filter(
    (child) => !['nodes', 'edges', 'pageInfo'].includes(child.name.value),
  );
  const others = otherFields.reduce(
    (sum, child) =>
      sum + fieldCost(walk, child, type as GraphQLObjectType, valueAt(data, child), OBJECT_COST),
    0,
  );
  if (walk.actual) {
    const returned = (via: 'nodes' | 'edges') => {
      const items = (data as Record<string, unknown> | null | undefined)?.[via];
      return Array.isArray(items) ? items : [];
    };
    const nodes = returned('nodes').reduce<number>((sum, item) => sum + itemCost(item, 'nodes'), 0);
    const edges = returned('edges').reduce<number>((sum, item) => sum + itemCost(item, 'edges'), 0);
    return nodes + edges + others;
  }
  const size = pageSize(walk, field);
  return size * (itemCost(undefined, 'nodes') + itemCost(undefined, 'edges')) + others;
}

function pageSize(walk: Walk, field: FieldNode): number {
  for (const name of ['first', 'last']) {
    const argument = field.arguments?.find((candidate) => candidate.name.value === name);
    if (argument) {
      const value = literal(walk, argument.value);
      if (typeof value === 'number') return value;
    }
  }
  throw new Error(`connection ${field.name.value} has neither first nor last`);
}

function literal(walk: Walk, value: ValueNode): unknown {
  if (value.kind === Kind.VARIABLE) return walk.variables[value.name.value];
  if (value.kind === Kind.INT) return Number(value.value);
  return undefined;
}

/** The fields selected on `type`, through inline fragments and fragment spreads that apply to it. */
function fieldsOn(walk: Walk, selectionSet: SelectionSetNode, type: GraphQLObjectType): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else {
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments.get(selection.name.value);
      if (!fragment) continue;
      const condition = fragment.typeCondition?.name.value;
      if (condition === undefined || applies(walk.schema, condition, type)) {
        fields.push(...fieldsOn(walk, fragment.selectionSet, type));
      }
    }
  }
  return fields;
}

function applies(schema: GraphQLSchema, condition: string, type: GraphQLObjectType): boolean {
  if (condition === type.name) return true;
  const named = schema.getType(condition);
  return named !== undefined && named !== null && isAbstractType(named) && schema.isSubType(named, type);
}

function isConnection(type: GraphQLNamedType): boolean {
  return isObjectType(type) && type.name.endsWith('Connection') && 'pageInfo' in type.getFields();
}

function valueAt(data: unknown, field: FieldNode): unknown {
  if (data === null || typeof data !== 'object') return undefined;
  return (data as Record<string, unknown>)[field.alias?.value ?? field.name.value];
}
