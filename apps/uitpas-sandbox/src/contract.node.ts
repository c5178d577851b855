// The official UiTPAS API v4 definition as the sandbox's contract: routing, request validation and (in test
// mode) response validation all come from api/uitpas-v4/uitpas.json, so the sandbox cannot drift from it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats ships CommonJS; under ESM its default export is the module object in some loaders.
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

type Json = Record<string, unknown>;
const API_DIR = fileURLToPath(new URL('../../../api/uitpas-v4/', import.meta.url));

/** The definition with the remote Error.json `$ref` resolved to the local copy (as scripts/generate-api-types.ts). */
export function loadResolvedDefinition(): Json {
  const spec = JSON.parse(readFileSync(`${API_DIR}uitpas.json`, 'utf8')) as Json;
  const error = JSON.parse(readFileSync(`${API_DIR}Error.json`, 'utf8')) as Json;
  delete error.$schema;
  delete error.$id;
  ((spec.components as Json).schemas as Json).Error = error;
  return spec;
}

export interface SchemaError {
  jsonPointer: string;
  error: string;
}

export interface Operation {
  method: string;
  template: string;
  /** Security requirement names accepted by this operation (any one suffices). */
  security: string[];
  hasBody: boolean;
  bodyRequired: boolean;
  pathParams: string[];
  segments: string[];
  /** Query parameter names that the definition types as arrays (`organizerId=a&organizerId=b`). */
  arrayParams: Set<string>;
  raw: Json;
}

/**
 * Request variant of a schema: objects reject properties the definition does not name, so a typo in an
 * optional field is reported instead of silently dropped (publiq's schemas leave this open; see README).
 * Response variant: the same, and write-only properties may not appear.
 */
function tighten(node: unknown, mode: 'request' | 'response', insideAllOf = false): unknown {
  if (Array.isArray(node)) return node.map((n) => tighten(n, mode, insideAllOf));
  if (node === null || typeof node !== 'object') return node;
  const src = node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'allOf') out[k] = tighten(v, mode, true);
    else if (k === 'properties' && v !== null && typeof v === 'object') {
      const props: Json = {};
      for (const [name, schema] of Object.entries(v as Json)) {
        if (mode === 'request' || (schema as Json).writeOnly !== true) props[name] = tighten(schema, mode);
      }
      out[k] = props;
    } else if (k === 'examples' || k === 'example' || k === 'x-examples' || k === 'description') continue;
    else out[k] = tighten(v, mode);
  }
  if (mode === 'response' && Array.isArray(out.required) && src.properties) {
    const props = src.properties as Json;
    out.required = (out.required as string[]).filter(
      (r) => (props[r] as Json | undefined)?.writeOnly !== true,
    );
  }
  if (src.type === 'object' && src.properties && src.additionalProperties === undefined && !insideAllOf) {
    out.additionalProperties = false;
  }
  return out;
}

/** Schemas extended through `allOf` keep their open shape: closing them would reject the extension's fields. */
function tightenComponents(components: Json, mode: 'request' | 'response'): Json {
  // Only an allOf that adds members extends a schema; `allOf: [{$ref}]` alone just annotates it.
  const extended = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      const allOf = (node as Json).allOf;
      if (Array.isArray(allOf) && allOf.length > 1) {
        for (const part of allOf as Json[]) {
          if (typeof part.$ref === 'string') extended.add(part.$ref.split('/').pop() as string);
        }
      }
      Object.values(node as Json).forEach(walk);
    }
  };
  walk(components);
  const schemas = components.schemas as Json;
  return {
    ...components,
    schemas: Object.fromEntries(
      Object.entries(schemas).map(([name, schema]) => [name, tighten(schema, mode, extended.has(name))]),
    ),
  };
}

function schemaErrorsOf(errors: ErrorObject[] | null | undefined, prefix = ''): SchemaError[] {
  return (errors ?? []).map((e) => {
    let pointer = e.instancePath;
    if (e.keyword === 'required') pointer += `/${(e.params as { missingProperty: string }).missingProperty}`;
    if (e.keyword === 'additionalProperties') {
      pointer += `/${(e.params as { additionalProperty: string }).additionalProperty}`;
      return { jsonPointer: prefix + pointer, error: 'The property is not part of the definition' };
    }
    return { jsonPointer: prefix + (pointer || '/'), error: e.message ?? 'invalid' };
  });
}

export type Validation = { ok: true } | { ok: false; errors: SchemaError[] };

export class Contract {
  readonly operations: Operation[] = [];
  private readonly requestAjv: Ajv;
  private readonly responseAjv: Ajv;
  private readonly paramAjv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly spec: Json = loadResolvedDefinition()) {
    const options = { strict: false, allErrors: true, validateFormats: true } as const;
    this.requestAjv = addFormats(new Ajv(options));
    this.responseAjv = addFormats(new Ajv(options));
    this.paramAjv = addFormats(new Ajv({ ...options, coerceTypes: 'array', useDefaults: true }));
    const components = spec.components as Json;
    this.requestAjv.addSchema({ components: tightenComponents(components, 'request') }, 'request');
    // The error model is validated as published: UiTPAS problems carry documented extras (jsonPointer, cardStatus…).
    const responseComponents = tightenComponents(components, 'response');
    (responseComponents.schemas as Json).Error = (components.schemas as Json).Error;
    this.responseAjv.addSchema({ components: responseComponents }, 'response');
    this.paramAjv.addSchema({ components }, 'param');
    for (const [template, item] of Object.entries(spec.paths as Json)) {
      for (const [method, raw] of Object.entries(item as Json)) {
        if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
        const op = raw as Json;
        const params = this.parameters(op);
        const segments = template.split('/').filter(Boolean);
        this.operations.push({
          method: method.toUpperCase(),
          template,
          security: ((op.security as Json[] | undefined) ?? []).flatMap((s) => Object.keys(s)),
          hasBody: op.requestBody !== undefined,
          bodyRequired: (op.requestBody as Json | undefined)?.required !== false,
          pathParams: params.filter((p) => p.in === 'path').map((p) => p.name as string),
          segments,
          arrayParams: new Set(
            params
              .filter((p) => p.in === 'query' && (p.schema as Json | undefined)?.type === 'array')
              .map((p) => p.name as string),
          ),
          raw: op,
        });
      }
    }
  }

  private parameters(op: Json): Json[] {
    return ((op.parameters as Json[] | undefined) ?? []).map((p) => {
      const ref = p.$ref as string | undefined;
      if (!ref) return p;
      const name = ref.split('/').pop() as string;
      return ((this.spec.components as Json).parameters as Json)[name] as Json;
    });
  }

  /** Finds the operation for a method and path; `allowed` lists the methods when only the path matches. */
  match(
    method: string,
    segments: string[],
  ): { op: Operation; params: Record<string, string> } | { op: null; allowed: string[] } {
    const allowed: string[] = [];
    let best: { op: Operation; params: Record<string, string>; literals: number } | null = null;
    for (const op of this.operations) {
      if (op.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      let ok = true;
      op.segments.forEach((seg, i) => {
        const actual = segments[i] as string;
        const m = /^\{(.+)\}(.*)$/.exec(seg);
        if (m) {
          const suffix = m[2] as string;
          if (!actual.endsWith(suffix) || actual.length === suffix.length) ok = false;
          else params[m[1] as string] = actual.slice(0, actual.length - suffix.length);
        } else if (seg === actual) literals++;
        else ok = false;
      });
      if (!ok) continue;
      if (op.method !== method) {
        allowed.push(op.method);
        continue;
      }
      // A literal segment wins over a parameter (`/rewards/redeemed` before `/rewards/{rewardId}`).
      if (!best || literals > best.literals) best = { op, params, literals };
    }
    return best ? { op: best.op, params: best.params } : { op: null, allowed: [...new Set(allowed)] };
  }

  private compiled(key: string, ajv: Ajv, schema: Json): ValidateFunction {
    let v = this.cache.get(key);
    if (!v) {
      v = ajv.compile(schema);
      this.cache.set(key, v);
    }
    return v;
  }

  /** Validates and coerces path + query parameters in place. */
  validateParameters(op: Operation, values: Record<string, unknown>): Validation {
    const params = this.parameters(op.raw).filter((p) => p.in === 'query' || p.in === 'path');
    const schema = {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [p.name, this.rewriteRefs(p.schema ?? {}, 'param')])),
      required: params.filter((p) => p.required === true).map((p) => p.name),
    };
    const v = this.compiled(`params ${op.method} ${op.template}`, this.paramAjv, schema);
    if (v(values)) return { ok: true };
    return { ok: false, errors: schemaErrorsOf(v.errors) };
  }

  validateBody(op: Operation, body: unknown): Validation {
    const content = ((op.raw.requestBody as Json | undefined)?.content as Json | undefined)?.[
      'application/json'
    ] as Json | undefined;
    if (!content?.schema) return { ok: true };
    const schema = this.rewriteRefs(tighten(content.schema, 'request'), 'request') as Json;
    const v = this.compiled(`body ${op.method} ${op.template}`, this.requestAjv, schema);
    if (v(body)) return { ok: true };
    return { ok: false, errors: schemaErrorsOf(v.errors) };
  }

  /** Test mode: the status must be declared (or be a problem) and the body must match its schema. */
  validateResponse(
    op: Operation,
    status: number,
    contentType: string | undefined,
    body: unknown,
  ): Validation {
    const responses = op.raw.responses as Json;
    let response = (responses[String(status)] ?? responses.default) as Json | undefined;
    const isProblem = contentType?.startsWith('application/problem+json') ?? false;
    if (response?.$ref) {
      response = ((this.spec.components as Json).responses as Json)[
        (response.$ref as string).split('/').pop()!
      ] as Json;
    }
    if (!response) {
      // Generic problems (401, 403, 404, 405, 429, 5xx) may answer any operation.
      if (isProblem) return this.validateNamed('Error', body);
      return {
        ok: false,
        errors: [
          { jsonPointer: '/', error: `status ${status} is not declared for ${op.method} ${op.template}` },
        ],
      };
    }
    const content = response.content as Json | undefined;
    if (!content) {
      return body === undefined
        ? { ok: true }
        : { ok: false, errors: [{ jsonPointer: '/', error: 'body not expected' }] };
    }
    const media = (contentType ?? '').split(';')[0]!.trim();
    const entry = content[media] as Json | undefined;
    if (!entry)
      return { ok: false, errors: [{ jsonPointer: '/', error: `content type ${media} not declared` }] };
    if (!entry.schema) return { ok: true };
    const schema = this.rewriteRefs(tighten(entry.schema, 'response'), 'response') as Json;
    const v = this.compiled(
      `response ${op.method} ${op.template} ${status} ${media}`,
      this.responseAjv,
      schema,
    );
    if (v(body)) return { ok: true };
    return { ok: false, errors: schemaErrorsOf(v.errors) };
  }

  /** Validates against a named component schema as published (used for problems and ad-hoc checks). */
  validateNamed(name: string, body: unknown): Validation {
    const v = this.compiled(`named ${name}`, this.responseAjv, {
      $ref: `response#/components/schemas/${name}`,
    });
    if (v(body)) return { ok: true };
    return { ok: false, errors: schemaErrorsOf(v.errors) };
  }

  private rewriteRefs(node: unknown, id: string): unknown {
    if (Array.isArray(node)) return node.map((n) => this.rewriteRefs(n, id));
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node as Json).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${id}${v}` : this.rewriteRefs(v, id),
      ]),
    );
  }
}
