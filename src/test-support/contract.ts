// Contract checks against the vendor's OpenAPI subset (src/shared/reference/cekura-openapi-subset.json):
// ajv for types, plus what ajv does not check (readOnly / writeOnly / unknown keys).
// Known artefacts of the vendor's generator are allowed explicitly (ALLOWED_ARTEFACTS) and nothing else.
import fs from 'node:fs';
// oxlint-disable-next-line import/extensions -- a package subpath: Node needs the file name
import Ajv2020Import from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';

export type ContractSchemaName =
  'Project' | 'MetricList' | 'PaginatedAIAgentListList' | 'PaginatedDashboardListList' | 'PaginatedCallLogListList';

type Schema = {
  type?: unknown;
  format?: string;
  readOnly?: boolean;
  writeOnly?: boolean;
  properties?: Record<string, Schema>;
  [k: string]: unknown;
};
type Spec = { components: { schemas: Record<string, Schema> } };

const SPEC_URL = new URL('../shared/reference/cekura-openapi-subset.json', import.meta.url);
export const spec: Spec = JSON.parse(fs.readFileSync(SPEC_URL, 'utf8'));

/**
 * The generator artefacts this project accepts, each a documented difference between the spec's types
 * and what the API really returns (decision 20 in docs/decisions.md).
 */
export const ALLOWED_ARTEFACTS = [
  '*_configured fields are typed string but are computed flags: booleans are accepted',
  'webhook_url is typed uri but may be "" (no webhook)',
  'rubric_config and no_calls_notify_time_period are untyped JSON (shapes come from our zod schemas)',
] as const;

function withArtefacts(components: Spec['components']): Spec['components'] {
  const copy: Spec['components'] = JSON.parse(JSON.stringify(components));
  for (const name of ['Project', 'PatchedProject']) {
    const props = copy.schemas[name].properties!;
    for (const [key, prop] of Object.entries(props)) {
      if (key.endsWith('_configured') && prop.type === 'string') prop.type = ['string', 'boolean'];
    }
    const url = props.webhook_url;
    delete url.format;
    url.anyOf = [{ format: 'uri' }, { const: '' }];
    for (const key of ['rubric_config', 'no_calls_notify_time_period']) {
      // Untyped in the spec already; fail loudly if a newer spec starts typing them (then revisit this list).
      if (props[key].type !== undefined) throw new Error(`spec now types ${name}.${key}: review ALLOWED_ARTEFACTS`);
    }
  }
  return copy;
}

// ajv and ajv-formats are CommonJS: take the default export whichever way the loader exposes it.
const interop = <T>(m: T | { default: T }): T => ((m as { default?: T }).default ?? m) as T;
const Ajv2020 = interop(Ajv2020Import as unknown as typeof Ajv2020Import);
const addFormats = interop(addFormatsImport as unknown as typeof addFormatsImport);

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('double', true); // a numeric annotation of the generator, not a string format
ajv.addSchema({ $id: 'spec', components: withArtefacts(spec.components) });

const compiled = new Map<string, ValidateFunction>();
function validator(name: string): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    v = ajv.compile({ $ref: `spec#/components/schemas/${name}` });
    compiled.set(name, v);
  }
  return v;
}

const describe = (errors: ErrorObject[] | null | undefined, prefix = ''): string[] =>
  (errors ?? []).map(
    (e) =>
      `${prefix}${e.instancePath || '/'} ${e.message ?? e.keyword}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
  );

const props = (name: string): Record<string, Schema> => spec.components.schemas[name].properties ?? {};
const keysWhere = (name: string, pred: (s: Schema) => boolean): string[] =>
  Object.entries(props(name))
    .filter(([, s]) => pred(s))
    .map(([k]) => k);

export const PROJECT_WRITE_ONLY_KEYS = keysWhere('Project', (s) => s.writeOnly === true);
export const PROJECT_READ_ONLY_KEYS = keysWhere('PatchedProject', (s) => s.readOnly === true);

/** Write-only keys present in a Project response (each one is a leak). */
export function findWriteOnlyKeys(projectJson: unknown): string[] {
  if (typeof projectJson !== 'object' || projectJson === null) return [];
  return PROJECT_WRITE_ONLY_KEYS.filter((k) => k in projectJson);
}

/**
 * Errors of a response against a schema ([] = valid). An array is checked item by item (the projects and
 * metrics lists are plain arrays of Project / MetricList). A Project must also carry no write-only key.
 */
export function validateResponse(schemaName: ContractSchemaName, value: unknown): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => validateResponse(schemaName, item).map((e) => `[${i}]${e}`));
  const v = validator(schemaName);
  const errors = v(value) ? [] : describe(v.errors);
  if (schemaName === 'Project') errors.push(...findWriteOnlyKeys(value).map((k) => `/${k} write-only key returned`));
  return errors;
}

/**
 * Errors of a PATCH body: ajv against PatchedProject, plus no read-only key, no key outside PatchedProject
 * (a typo such as `synthflow_api_key` fails) and no `organization_id` (only for creating projects).
 */
export function validatePatchBody(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['/ PATCH body must be a JSON object'];
  const v = validator('PatchedProject');
  const errors = v(body) ? [] : describe(v.errors);
  const known = props('PatchedProject');
  for (const key of Object.keys(body)) {
    if (!(key in known)) errors.push(`/${key} is not a PatchedProject field`);
    else if (PROJECT_READ_ONLY_KEYS.includes(key)) errors.push(`/${key} is read-only and must not be sent`);
    else if (key === 'organization_id')
      errors.push('/organization_id is only for creating projects and must not be sent');
  }
  return errors;
}
