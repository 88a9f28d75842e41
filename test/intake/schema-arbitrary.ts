import fc from 'fast-check';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';

/**
 * fast-check arbitraries of the values a JSON Schema (2020-12, as in an OpenAPI 3.1 document) allows, for the
 * subset of keywords the intake's document uses: `$ref`, `enum`, `const`, `type`, string lengths, `pattern`
 * (through `fc.stringMatching`), `format`, numeric bounds, array items and sizes, `uniqueItems`, object
 * `properties` / `required` / `additionalProperties: false`, `oneOf`, the `false` schema, and `if`/`then` (also inside
 * `allOf`). An `if`/`then` is honoured the way a form asks: the value is generated, then each condition whose
 * `if` holds regenerates what its `then` constrains. Every generated leaf and object is checked with Ajv against
 * its own schema, so a value is valid by the document, not by this file's reading of it. A keyword outside
 * that subset throws: the generator never quietly ignores part of the document.
 */

type Schema = Record<string, unknown> | boolean;
type Obj = Record<string, unknown>;

const KNOWN = new Set([
  '$ref',
  'enum',
  'const',
  'type',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'allOf',
  'oneOf',
  'if',
  'then',
  'description',
  'default',
  'examples',
  'title',
]);

export class SchemaArbitraries {
  constructor(
    private readonly doc: Obj,
    private readonly ajv: Ajv2020,
    /** Where `doc` is registered in `ajv`, to compile `#/…` references. */
    private readonly docId: string,
  ) {}

  private resolve(schema: Schema): Schema {
    if (typeof schema === 'object' && typeof schema.$ref === 'string') {
      let node: unknown = this.doc;
      for (const part of schema.$ref.slice(2).split('/')) node = (node as Obj)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
      return this.resolve(node as Schema);
    }
    return schema;
  }

  private readonly compiled = new WeakMap<object, ValidateFunction>();

  /** True when `value` is valid by `schema` (references resolved within the document). */
  valid(schema: Schema, value: unknown): boolean {
    if (typeof schema === 'boolean') return schema;
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema, this.docId) as object);
      this.compiled.set(schema, validate);
    }
    return validate(value) as boolean;
  }

  /** An arbitrary of the values `schema` allows. */
  of(input: Schema): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    if (schema === true) return fc.jsonValue();
    if (schema === false) throw new Error('nothing is valid by the `false` schema');
    for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`schema keyword "${key}" is not supported by the generator`);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[])).filter((v) => this.valid(schema, v));
    if ('const' in schema) return fc.constant(schema.const);
    const checked = (arb: fc.Arbitrary<unknown>) => arb.filter((v) => this.valid(schema, v));
    // One of the alternatives, and valid by exactly one (a value that fits two is filtered out).
    if (Array.isArray(schema.oneOf)) return checked(fc.oneof(...(schema.oneOf as Schema[]).map((s) => this.of(s))));
    switch (schema.type) {
      case 'string':
        return checked(this.string(schema));
      case 'integer':
      case 'number': {
        const min = typeof schema.minimum === 'number' ? schema.minimum : -1e9;
        const max = typeof schema.maximum === 'number' ? Math.min(schema.maximum, 1e9) : 1e9;
        return checked(schema.type === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true }));
      }
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const items = this.of((schema.items ?? true) as Schema);
        const constraints = { minLength: (schema.minItems as number) ?? 0, maxLength: (schema.maxItems as number) ?? 5 };
        return checked(schema.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(items, constraints));
      }
      case 'object':
        return checked(this.object(schema));
      default:
        throw new Error(`schema without a supported type: ${JSON.stringify(schema).slice(0, 200)}`);
    }
  }

  private string(schema: Obj): fc.Arbitrary<string> {
    const minLength = (schema.minLength as number | undefined) ?? 0;
    const maxLength = Math.min((schema.maxLength as number | undefined) ?? 60, 400);
    if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern, 'u'), { size: 'small' });
    switch (schema.format) {
      case 'email':
        return fc.emailAddress();
      case 'date-time':
        return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
      case 'uri':
        return fc.webUrl();
      case 'uuid':
        return fc.uuid();
      case undefined:
        return fc.string({ minLength, maxLength, unit: 'grapheme' });
      default:
        throw new Error(`string format "${String(schema.format)}" is not supported by the generator`);
    }
  }

  private object(schema: Obj): fc.Arbitrary<Obj> {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const required = new Set((schema.required ?? []) as string[]);
    const record = Object.fromEntries(
      Object.entries(properties)
        .filter(([, s]) => s !== false)
        .map(([key, s]) => [key, this.of(s)]),
    );
    const requiredKeys = Object.keys(record).filter((key) => required.has(key));
    let arb: fc.Arbitrary<Obj> = fc.record(record, { requiredKeys }) as fc.Arbitrary<Obj>;
    const conditions = [...((schema.allOf ?? []) as Obj[]), ...(schema.if ? [{ if: schema.if, then: schema.then }] : [])];
    for (const condition of conditions) {
      if (!condition.if || Object.keys(condition).some((k) => k !== 'if' && k !== 'then'))
        throw new Error(`allOf entries must be if/then: ${JSON.stringify(condition).slice(0, 200)}`);
      arb = arb.chain((value) => this.satisfy(value, condition.if as Schema, (condition.then ?? true) as Obj, properties));
    }
    return arb;
  }

  /** When `value` meets `ifSchema`, regenerates what `then` constrains and `value` does not meet. */
  private satisfy(value: Obj, ifSchema: Schema, then: Obj | boolean, properties: Record<string, Schema>): fc.Arbitrary<Obj> {
    if (then === true || !this.valid(ifSchema, value) || this.valid(then, value)) return fc.constant(value);
    if (then === false) throw new Error('a `then: false` condition cannot be satisfied');
    const constrained = (then.properties ?? {}) as Record<string, Schema>;
    const wanted = new Set([...((then.required ?? []) as string[]), ...Object.keys(constrained).filter((k) => k in value)]);
    const replacements: Record<string, fc.Arbitrary<unknown>> = {};
    for (const key of wanted) {
      const narrow = constrained[key];
      if (narrow === false) continue;
      if (key in value && (narrow === undefined || this.valid(narrow, value[key]))) continue;
      // The narrower schema alone when it is self-contained (an enum), else the property's own schema.
      const source = narrow !== undefined && typeof narrow === 'object' && Array.isArray(narrow.enum) ? narrow : properties[key]!;
      replacements[key] = this.of(source).filter((v) => narrow === undefined || this.valid(narrow, v));
    }
    const dropped = Object.entries(constrained)
      .filter(([, s]) => s === false)
      .map(([key]) => key);
    return fc.record(replacements).map((changes) => {
      const next = { ...value, ...changes };
      for (const key of dropped) delete next[key];
      return next;
    });
  }
}

/** A copy of `schema` whose `#/…` references point into the document registered as `docId`. */
function rebase(schema: unknown, docId: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => rebase(s, docId));
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#') ? `${docId}${value}` : rebase(value, docId),
    ]),
  );
}
