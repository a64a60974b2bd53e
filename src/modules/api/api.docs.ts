// The browsable API reference (/api/docs), read from the OpenAPI document that @fastify/swagger builds
// from the route schemas, so the page cannot drift from what the API does.

export interface FieldRow {
  /** Where the field sits, e.g. items[].member.code. */
  path: string;
  /** Nesting depth, for indenting. */
  depth: number;
  type: string;
  required: boolean;
  description: string;
}

export interface ParameterRow {
  name: string;
  location: string;
  required: boolean;
  type: string;
  description: string;
}

export interface ResponseView {
  status: string;
  description: string;
  fields: FieldRow[];
}

export interface OperationView {
  id: string;
  method: string;
  path: string;
  tag: string;
  summary: string;
  description: string;
  parameters: ParameterRow[];
  responses: ResponseView[];
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** A variant that allows exactly one value: TypeBox's literal, which the OpenAPI document writes as a one-value enum. */
const singleValue = (schema: unknown): string | null => {
  if (!isRecord(schema)) return null;
  if (schema.const !== undefined) return String(schema.const);
  return Array.isArray(schema.enum) && schema.enum.length === 1 ? String(schema.enum[0]) : null;
};

/** A schema's type in a few words: "string", "integer | null", "array of string", "one of: a, b". */
export function typeOf(schema: unknown): string {
  if (!isRecord(schema)) return '';
  const nullable = schema.nullable === true ? ' | null' : '';
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.map(String).join(', ')}${nullable}`;
  if (schema.const !== undefined) return String(schema.const);
  const variants = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (variants) {
    const values = variants.map(singleValue);
    if (values.every((v) => v !== null)) return `one of: ${values.join(', ')}${nullable}`;
    return variants.map(typeOf).filter(Boolean).join(' | ') + nullable;
  }
  if (schema.type === 'array') return `array of ${typeOf(schema.items) || 'anything'}${nullable}`;
  if (Array.isArray(schema.type)) return schema.type.map(String).join(' | ');
  const format = typeof schema.format === 'string' ? ` (${schema.format})` : '';
  if (schema.type === 'object' && !isRecord(schema.properties) && isRecord(schema.additionalProperties)) return `map of ${typeOf(schema.additionalProperties)}${nullable}`;
  if (schema.type === 'object' && !isRecord(schema.properties) && isRecord(schema.patternProperties)) {
    const [inner] = Object.values(schema.patternProperties);
    return `map of ${typeOf(inner)}${nullable}`;
  }
  return `${text(schema.type)}${format}${nullable}`;
}

/** The object a schema describes, looking through arrays and nullable unions, to list its fields. */
function objectWithin(schema: unknown): { schema: Json; suffix: string } | null {
  if (!isRecord(schema)) return null;
  if (isRecord(schema.properties)) return { schema, suffix: '' };
  if (schema.type === 'array') {
    const inner = objectWithin(schema.items);
    return inner ? { schema: inner.schema, suffix: `[]${inner.suffix}` } : null;
  }
  const variants = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : [];
  for (const variant of variants) {
    const inner = objectWithin(variant);
    if (inner) return inner;
  }
  return null;
}

/** Every field of a response, nested fields under their parent, in the schema's own order. */
export function fieldRows(schema: unknown, prefix = '', depth = 0): FieldRow[] {
  const object = objectWithin(schema);
  if (!object || !isRecord(object.schema.properties)) return [];
  const required = new Set(Array.isArray(object.schema.required) ? object.schema.required.map(String) : []);
  const rows: FieldRow[] = [];
  for (const [name, property] of Object.entries(object.schema.properties)) {
    const path = `${prefix}${name}`;
    rows.push({ path, depth, type: typeOf(property), required: required.has(name), description: isRecord(property) ? text(property.description) : '' });
    const inner = objectWithin(property);
    if (inner) rows.push(...fieldRows(property, `${path}${inner.suffix}.`, depth + 1));
  }
  return rows;
}

/** Every documented operation in the order the document lists them. */
export function operationsFromOpenApi(document: unknown): OperationView[] {
  if (!isRecord(document) || !isRecord(document.paths)) return [];
  const operations: OperationView[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isRecord(operation) || typeof operation.operationId !== 'string') continue;
      const parameters = (Array.isArray(operation.parameters) ? operation.parameters : []).filter(isRecord).map((p) => ({
        name: text(p.name),
        location: text(p.in),
        required: p.required === true,
        type: typeOf(p.schema),
        description: text(p.description) || (isRecord(p.schema) ? text(p.schema.description) : ''),
      }));
      const responses = Object.entries(isRecord(operation.responses) ? operation.responses : {}).map(([status, response]) => {
        const content = isRecord(response) && isRecord(response.content) ? response.content : {};
        const json = isRecord(content['application/json']) ? content['application/json'] : {};
        return { status, description: isRecord(response) ? text(response.description) : '', fields: fieldRows(json.schema) };
      });
      operations.push({
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
        tag: Array.isArray(operation.tags) ? String(operation.tags[0] ?? '') : '',
        summary: text(operation.summary),
        description: text(operation.description),
        parameters,
        responses,
      });
    }
  }
  return operations;
}
