import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** HubSpot's official specs, unchanged (shared/fixtures/README.md). */
export const SPEC_DIR = join(__dirname, '../../../../../shared/fixtures/hubspot-openapi/v3');

interface Operation {
  file: string;
  template: string;
  regex: RegExp;
  literalSegments: number;
  responses: Record<string, { content?: Record<string, { schema?: unknown }>; $ref?: string }>;
}

export interface ValidationOutcome {
  validated: boolean;
  errors: string[];
  operation?: string;
}

type Json = Record<string, unknown>;

/**
 * The live API sends `null` for requested properties that have no value (the recorded Airbyte records
 * have hundreds), but the specs type the `properties` map values as plain strings. This is the one
 * place we widen a spec: maps named `properties` whose values are strings accept null.
 */
function allowNullPropertyValues(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(allowNullPropertyValues);
  if (typeof node !== 'object' || node === null) return;
  const obj = node as Json;
  const props = obj.properties as Json | undefined;
  const map = props?.properties as Json | undefined;
  const values = map?.additionalProperties as Json | undefined;
  if (map?.type === 'object' && values?.type === 'string') values.nullable = true;
  for (const value of Object.values(obj)) allowNullPropertyValues(value);
}

/**
 * Validates response bodies against the response schema of the matching operation in the official v3
 * specs: `$ref`s resolve inside each spec file, `nullable` is honoured, formats (date-time, uuid, int32) checked.
 */
export class OpenApiResponseValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  private readonly operations = new Map<string, Operation[]>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(dir = SPEC_DIR) {
    addFormats(this.ajv);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const spec = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json;
      allowNullPropertyValues(spec.components);
      this.ajv.addSchema({ $id: file, components: spec.components } as Json);
      for (const [template, ops] of Object.entries(spec.paths as Record<string, Json>)) {
        for (const [method, op] of Object.entries(ops)) {
          const responses = (op as Json).responses as Operation['responses'] | undefined;
          if (!responses) continue;
          const segments = template.split('/').filter(Boolean);
          const regex = new RegExp(`^/${segments.map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`);
          const list = this.operations.get(method.toUpperCase()) ?? [];
          list.push({ file, template, regex, literalSegments: segments.filter((s) => !s.startsWith('{')).length, responses });
          this.operations.set(method.toUpperCase(), list);
        }
      }
    }
  }

  /** Maps SDK paths onto the spec's: labels live under /crm/associations/v4, deals under /crm/v3/objects/0-3. */
  static specPath(path: string): string {
    return path.replace(/^\/crm\/v4\/associations\/([^/]+)\/([^/]+)\/labels/, '/crm/associations/v4/$1/$2/labels').replace(/^\/crm\/v3\/objects\/deals(?=\/|$)/, '/crm/v3/objects/0-3');
  }

  findOperation(method: string, path: string): Operation | undefined {
    const candidates = (this.operations.get(method) ?? []).filter((op) => op.regex.test(OpenApiResponseValidator.specPath(path)));
    return candidates.sort((a, b) => b.literalSegments - a.literalSegments)[0];
  }

  private validatorFor(file: string, ref: string): ValidateFunction {
    const key = `${file}${ref}`;
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `${file}${ref}` });
      this.compiled.set(key, fn);
    }
    return fn;
  }

  validate(method: string, path: string, status: number, body: unknown): ValidationOutcome {
    const op = this.findOperation(method, path);
    if (!op) return { validated: false, errors: [] };
    const name = `${method} ${op.template} (${op.file}) -> ${status}`;
    let response = op.responses[String(status)] ?? op.responses.default;
    if (!response) return { validated: true, operation: name, errors: [`status ${status} is not declared`] };
    if (response.$ref) {
      // Every spec's shared error response: #/components/responses/Error -> schema Error.
      response = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    const schema = response.content ? Object.values(response.content)[0]?.schema : undefined;
    if (!schema) {
      return { validated: true, operation: name, errors: body === undefined ? [] : [`status ${status} declares no body but one was sent`] };
    }
    if (body === undefined) return { validated: true, operation: name, errors: ['a body was expected'] };
    const ref = (schema as Json).$ref;
    if (typeof ref !== 'string') return { validated: false, operation: name, errors: [] };
    const fn = this.validatorFor(op.file, ref);
    const ok = fn(body);
    return { validated: true, operation: name, errors: ok ? [] : (fn.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`) };
  }
}
