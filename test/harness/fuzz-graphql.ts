import fc from 'fast-check';
import {
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { chance, fuzzText, pick, weighted } from './fuzz';

/** One HTTP request to the gateway's /graphql, as the fuzz sends it. */
export interface GraphqlFuzzRequest {
  method: 'GET' | 'POST';
  /** The query string of a GET (without '?'). */
  search?: string;
  headers: Record<string, string>;
  body?: string;
}

/** What the generated documents may point at: ids of real rows, tokens of real users. */
export interface GraphqlFuzzWorld {
  schema: GraphQLSchema;
  ids: readonly string[];
  tokens: readonly string[];
}

/**
 * Requests built from the API schema, valid and not: real and unknown fields, arguments of the
 * right and wrong types, variables declared or not (and of wrong types), inline and named
 * fragments (cycles included), aliases, directives, several operations, broken text; sent as
 * JSON, as GET, as other content types, as JSON that is no GraphQL request at all.
 */
export function graphqlRequests(
  world: GraphqlFuzzWorld,
): (g: fc.GeneratorValue) => GraphqlFuzzRequest {
  return (g) => new RequestBuilder(g, world).request();
}

interface Variable {
  name: string;
  /** The declared type, or null when the document uses it undeclared. */
  declared: string | null;
  /** Its value in `variables`; absent (undefined) when the request leaves it out. */
  value: unknown;
}

interface Operation {
  text: string;
  name: string | undefined;
}

const builtInDirectives = ['include', 'skip'];
const strayNames = [
  'nope',
  'password',
  'email',
  '__schema',
  'node',
  'id2',
  '_entities',
  '_service',
];
const wrongTypeNames = [
  'Int',
  'Int!',
  'String',
  'ID!',
  'Float',
  'Boolean!',
  '[ID!]!',
  'Upload',
  'User',
  'Nope',
];

class RequestBuilder {
  private readonly variables: Variable[] = [];
  private readonly fragments = new Map<string, string | null>();
  private readonly objectTypes: GraphQLObjectType[];
  /**
   * Whether this document is meant to be valid: it then makes no deliberate mistake (a value may
   * still name no row), so that a good share of the requests runs resolvers and subgraph calls.
   */
  private readonly sound: boolean;
  private aliases = 0;

  constructor(
    private readonly g: fc.GeneratorValue,
    private readonly world: GraphqlFuzzWorld,
  ) {
    this.objectTypes = Object.values(world.schema.getTypeMap()).filter(
      (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'),
    );
    this.sound = chance(g, 55);
  }

  /** True `percent` times in a hundred, never in a sound document. */
  private mistake(percent: number): boolean {
    return !this.sound && chance(this.g, percent);
  }

  /** `weight` in a document that may make mistakes, 0 in a sound one. */
  private unsound(weight: number): number {
    return this.sound ? 0 : weight;
  }

  request(): GraphqlFuzzRequest {
    const { g } = this;
    const operations = [this.operation()];
    if (this.mistake(15)) operations.push(this.operation());
    let query = [...operations.map((operation) => operation.text), ...this.fragmentTexts()].join(
      '\n',
    );
    if (this.mistake(15)) query = this.broken(query);
    const operationName = weighted(g, [
      [6, () => undefined],
      [3, () => pick(g, operations).name],
      [this.unsound(2), () => pick(g, ['Nope', '', 'query'])],
    ] as const)();
    const variables = this.variableValues();
    const headers = this.headers();
    if (this.sound) return this.json({ query, variables, operationName }, headers);
    return weighted(g, [
      [70, () => this.json({ query, variables, operationName }, headers)],
      [10, () => this.get({ query, variables, operationName }, headers)],
      [8, () => this.oddJson(query, variables, headers)],
      [6, () => this.otherContentType(query, headers)],
      [4, () => this.garbageBody(headers)],
      [2, () => this.hugeBody(query, headers)],
    ] as const)();
  }

  // -- documents

  private operation(): Operation {
    const { g, world } = this;
    const kind = weighted(g, [
      [70, 'query'],
      [25, 'mutation'],
      [this.unsound(8), 'subscription'],
    ] as const);
    const root =
      kind === 'query'
        ? world.schema.getQueryType()
        : kind === 'mutation'
          ? world.schema.getMutationType()
          : world.schema.getSubscriptionType();
    const body = root ? this.selectionSet(root, g(fc.integer, { min: 1, max: 4 })) : '{ a }';
    const name = chance(g, 60) ? `Op${g(fc.nat, { max: 99 })}` : undefined;
    if (kind === 'query' && name === undefined && chance(g, 50)) return { text: body, name };
    const definitions = this.variables
      .filter((variable) => variable.declared !== null)
      .map((variable) => `$${variable.name}: ${variable.declared}`);
    // now and then a variable declared twice, or declared and never used
    if (this.mistake(5)) definitions.push(`$unused: ${pick(g, wrongTypeNames)}`);
    if (this.mistake(3) && definitions.length > 0) definitions.push(definitions[0]!);
    const variables = definitions.length > 0 ? `(${definitions.join(', ')})` : '';
    return {
      text: `${kind}${name ? ` ${name}` : ''}${variables}${this.directives()} ${body}`,
      name,
    };
  }

  private selectionSet(type: GraphQLNamedType, depth: number): string {
    const count = this.g(fc.integer, { min: 1, max: 3 });
    // a sound document selects a field once per set: the same field with other arguments conflicts
    const fields = isObjectType(type) ? Object.values(type.getFields()) : [];
    const unpicked = this.sound ? [...fields] : fields;
    const selections = Array.from({ length: count }, () => this.selection(type, depth, unpicked));
    return `{ ${selections.join(' ')} }`;
  }

  private selection(
    type: GraphQLNamedType,
    depth: number,
    fields: GraphQLField<unknown, unknown>[],
  ): string {
    const { g } = this;
    const field = () => {
      const index = g(fc.nat, { max: fields.length - 1 });
      const picked = fields[index]!;
      if (this.sound) fields.splice(index, 1);
      return this.field(picked, depth);
    };
    return weighted(g, [
      [fields.length > 0 ? 70 : 0, field],
      [this.unsound(8), () => `${this.alias()}${pick(g, strayNames)}${this.strayArguments()}`],
      [6, () => `${this.alias()}__typename${this.directives()}`],
      [8, () => this.inlineFragment(type, depth)],
      [10, () => this.fragmentSpread(type, depth)],
      [type === this.world.schema.getQueryType() ? 3 : 0, () => this.introspection()],
    ] as const)();
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number): string {
    const type = getNamedType(field.type);
    const head = `${this.alias()}${field.name}${this.arguments(field.args)}${this.directives()}`;
    // a selection under a leaf is invalid
    if (isLeafType(type)) return this.mistake(4) ? `${head} { id }` : head;
    // a missing selection under an object is invalid; so is going deeper than allowed
    if (this.mistake(4)) return head;
    const deeper = depth > 0 || this.mistake(20);
    return `${head} ${deeper ? this.selectionSet(type, depth - 1) : '{ __typename }'}`;
  }

  /** Sound: a name of its own. Otherwise one that may clash with another field's. */
  private alias(): string {
    if (!chance(this.g, 12)) return '';
    if (this.sound) return `a${(this.aliases += 1)}: `;
    return `${pick(this.g, ['a', 'b', 'id', 'name', 'x1'])}: `;
  }

  private inlineFragment(type: GraphQLNamedType, depth: number): string {
    const { g } = this;
    const on = weighted(g, [
      [6, () => type.name],
      [this.unsound(2), () => pick(g, this.objectTypes).name],
      [this.unsound(1), () => 'Nope'],
      [1, () => null],
    ] as const)();
    const target = on === null ? type : (this.world.schema.getType(on) ?? type);
    return `... ${on ? `on ${on}` : ''}${this.directives()} ${this.selectionSet(target, depth - 1)}`;
  }

  /** A spread of a named fragment: a new one, one defined already, or one that never will be. */
  private fragmentSpread(type: GraphQLNamedType, depth: number): string {
    const { g } = this;
    const known = [...this.fragments.keys()];
    const choice = weighted(g, [
      [5, 'new'],
      [known.length > 0 ? this.unsound(4) : 0, 'known'],
      [this.unsound(1), 'undefined'],
    ] as const);
    if (choice === 'undefined') return `...Missing${this.directives()}`;
    // a spread of a fragment still being built (its text null) makes a cycle
    if (choice === 'known') return `...${pick(g, known)}${this.directives()}`;
    const name = `F${this.fragments.size}`;
    this.fragments.set(name, null);
    const on = this.mistake(15) ? pick(g, this.objectTypes).name : type.name;
    const target = this.world.schema.getType(on) ?? type;
    this.fragments.set(name, `fragment ${name} on ${on} ${this.selectionSet(target, depth - 1)}`);
    return `...${name}${this.directives()}`;
  }

  private fragmentTexts(): string[] {
    const { g } = this;
    const texts = [...this.fragments.values()].filter((text) => text !== null);
    // now and then one is left out (an unknown spread) or repeated (a duplicate name)
    if (texts.length > 0 && this.mistake(4)) texts.splice(g(fc.nat, { max: texts.length - 1 }), 1);
    if (texts.length > 0 && this.mistake(3)) texts.push(texts[0]!);
    if (this.mistake(3)) texts.push('fragment Unused on User { id }');
    return texts;
  }

  private introspection(): string {
    const valid = [
      '__schema { queryType { name } types { name kind } }',
      '__type(name: "User") { name fields { name args { name type { name } } } }',
    ];
    const invalid = ['__type(name: 1) { name }', '__type { name }'];
    return pick(this.g, this.sound ? valid : [...valid, ...invalid]);
  }

  private directives(): string {
    const { g } = this;
    if (!chance(g, 10)) return '';
    const directive = weighted(g, [
      [6, () => `@${pick(g, builtInDirectives)}(if: ${this.booleanArgument()})`],
      [this.unsound(1), () => `@${pick(g, builtInDirectives)}`],
      [this.unsound(1), () => `@${pick(g, ['nope', 'deprecated', 'defer', 'stream'])}`],
      [this.unsound(1), () => '@include(if: true) @include(if: false)'],
    ] as const)();
    return ` ${directive}`;
  }

  private booleanArgument(): string {
    const { g } = this;
    return weighted(g, [
      [4, () => pick(g, ['true', 'false'])],
      [3, () => this.variableReference('Boolean!', pick(g, [true, false]))],
      [this.unsound(1), () => this.wrongLiteral()],
    ] as const)();
  }

  // -- arguments and values

  private arguments(args: readonly GraphQLArgument[]): string {
    const { g } = this;
    const parts: string[] = [];
    for (const arg of args) {
      // a sound document always sizes its pages: the defaults (30 videos, 10 comments each, …)
      // multiply past the cost limit
      const required = isNonNullType(arg.type) || (this.sound && arg.name === 'first');
      const argument = weighted(g, [
        [required ? this.unsound(3) : 40, () => null],
        [50, () => this.literal(arg.type)],
        [25, () => this.variableReference(String(arg.type), this.jsonValue(arg.type))],
        [this.unsound(15), () => this.wrongLiteral()],
        [this.unsound(3), () => 'null'],
      ] as const)();
      if (argument !== null) parts.push(`${arg.name}: ${argument}`);
    }
    if (this.mistake(6)) parts.push(`${pick(g, ['nope', 'id', 'first'])}: ${this.wrongLiteral()}`);
    if (parts.length > 0 && this.mistake(3)) parts.push(parts[0]!);
    return parts.length > 0 ? `(${parts.join(', ')})` : '';
  }

  private strayArguments(): string {
    return chance(this.g, 30) ? `(x: ${this.wrongLiteral()})` : '';
  }

  /** A variable of the operation: declared as the argument wants, wrongly, or not at all. */
  private variableReference(type: string, value: unknown): string {
    const { g } = this;
    const reused = this.variables.find((variable) => variable.declared === type);
    if (reused && chance(g, 30)) return `$${reused.name}`;
    const variable: Variable = {
      name: `v${this.variables.length}`,
      declared: weighted(g, [
        [8, () => type],
        [this.unsound(2), () => pick(g, wrongTypeNames)],
        [this.unsound(1), () => null],
      ] as const)(),
      value: weighted(g, [
        [7, () => value],
        [this.unsound(2), (): unknown => g(fc.jsonValue, { maxDepth: 2 })],
        [this.unsound(1), () => undefined],
      ] as const)(),
    };
    this.variables.push(variable);
    return `$${variable.name}`;
  }

  private literal(type: GraphQLInputType): string {
    const { g } = this;
    if (isNonNullType(type)) return this.literal(type.ofType);
    if (isListType(type)) {
      const items = Array.from({ length: g(fc.nat, { max: 3 }) }, () => this.literal(type.ofType));
      return chance(g, 50) ? `[${items.join(', ')}]` : this.literal(type.ofType);
    }
    if (isEnumType(type)) return this.mistake(15) ? 'NOPE' : pick(g, type.getValues()).name;
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields()).map(
        (field) => `${field.name}: ${this.literal(field.type)}`,
      );
      return `{ ${fields.join(', ')} }`;
    }
    switch (type.name) {
      case 'ID':
        return chance(g, 70) ? JSON.stringify(this.id()) : String(this.integer());
      case 'Int':
        return String(this.integer());
      case 'Float':
        return String(this.float());
      case 'Boolean':
        return pick(g, ['true', 'false']);
      default:
        return JSON.stringify(fuzzText(g));
    }
  }

  /** A JSON value for a variable of `type`: mostly what it wants. */
  private jsonValue(type: GraphQLInputType): unknown {
    const { g } = this;
    if (isNonNullType(type)) return this.jsonValue(type.ofType);
    if (isListType(type)) return [this.jsonValue(type.ofType)];
    if (isEnumType(type)) return pick(g, type.getValues()).name;
    if (isInputObjectType(type)) {
      return Object.fromEntries(
        Object.values(type.getFields()).map((field) => [field.name, this.jsonValue(field.type)]),
      );
    }
    switch (type.name) {
      case 'ID':
        return chance(g, 80) ? this.id() : this.integer();
      case 'Int':
        return this.integer();
      case 'Float':
        return this.float();
      case 'Boolean':
        return g(fc.boolean);
      default:
        return fuzzText(g);
    }
  }

  private wrongLiteral(): string {
    const { g } = this;
    return weighted(g, [
      [2, () => JSON.stringify(fuzzText(g, 8))],
      [2, () => String(this.integer())],
      [1, () => '1.5'],
      [1, () => pick(g, ['true', 'false', 'null'])],
      [1, () => 'NOPE'],
      [1, () => '[1, "2"]'],
      [1, () => '{ a: 1 }'],
      [1, () => '$undeclared'],
    ] as const)();
  }

  private id(): string {
    const { g } = this;
    const odd = ['0', '-1', '1.5', '1e3', '0x10', ' 1', '١', '99999999999999999999', 'abc'];
    return weighted(g, [
      [6, () => pick(g, this.world.ids)],
      [2, () => pick(g, odd)],
      [1, () => fuzzText(g, 12)],
    ] as const)();
  }

  /** Sound: a small page size or offset. Otherwise anything, the 32-bit edges included. */
  private integer(): number {
    const { g } = this;
    if (this.sound) return g(fc.integer, { min: 1, max: 4 });
    return weighted(g, [
      [6, () => g(fc.integer, { min: -5, max: 60 })],
      [2, () => g(fc.integer)],
      [1, () => pick(g, [2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2])],
    ] as const)();
  }

  /** Sound: an epoch millisecond. Otherwise any finite double, or a literal past one. */
  private float(): number | string {
    const { g } = this;
    if (this.sound) return g(fc.integer, { min: 0, max: 2 ** 45 });
    return weighted(g, [
      [4, () => g(fc.double, { noNaN: true, noDefaultInfinity: true })],
      [1, () => pick(g, ['1e309', '-0.0', '0'])],
    ] as const)();
  }

  private variableValues(): unknown {
    const { g } = this;
    const values = Object.fromEntries(
      this.variables
        .filter((variable) => variable.value !== undefined)
        .map((variable) => [variable.name, variable.value]),
    );
    return weighted(g, [
      [20, () => values],
      [this.unsound(2), (): unknown => g(fc.jsonValue, { maxDepth: 1 })],
    ] as const)();
  }

  // -- transports

  private headers(): Record<string, string> {
    const { g } = this;
    const headers: Record<string, string> = {};
    const authorization = weighted(g, [
      [5, () => undefined],
      [5, () => `Bearer ${pick(g, this.world.tokens)}`],
      [
        this.unsound(1),
        () => pick(g, ['Bearer', 'Bearer x.y.z', 'Basic dXNlcjpwYXNz', 'bearer a']),
      ],
      [this.unsound(1), () => `Bearer ${g(fc.string, { maxLength: 40 })}`],
    ] as const)();
    if (authorization !== undefined) headers.authorization = authorization;
    if (this.mistake(15)) {
      headers.accept = pick(g, [
        'application/graphql-response+json',
        'application/json',
        'application/graphql-response+json, application/json;q=0.9',
        'text/html',
        '*/*',
        'nope',
      ]);
    }
    return headers;
  }

  private json(
    request: { query: string; variables: unknown; operationName: string | undefined },
    headers: Record<string, string>,
  ): GraphqlFuzzRequest {
    const { g } = this;
    const body: Record<string, unknown> = { query: request.query };
    if (this.sound || chance(g, 85)) body.variables = request.variables;
    if (request.operationName !== undefined) body.operationName = request.operationName;
    if (this.mistake(3))
      body.extensions = { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } };
    if (this.mistake(3)) body.query = pick(g, [null, 1, ['{ viewer { id } }'], { a: 1 }]);
    if (this.mistake(2)) delete body.query;
    if (this.mistake(2)) body.operationName = pick(g, [1, null, ['A']]);
    return {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': pick(g, ['application/json', 'application/json; charset=utf-8']),
      },
      body: JSON.stringify(body),
    };
  }

  private get(
    request: { query: string; variables: unknown; operationName: string | undefined },
    headers: Record<string, string>,
  ): GraphqlFuzzRequest {
    const { g } = this;
    const search = new URLSearchParams({ query: request.query });
    if (chance(g, 70)) search.set('variables', JSON.stringify(request.variables));
    if (chance(g, 10)) search.set('variables', '{not json');
    if (request.operationName !== undefined) search.set('operationName', request.operationName);
    // without a preflight header, CSRF prevention refuses it
    const preflight: Record<string, string> = chance(g, 80)
      ? { 'apollo-require-preflight': 'true' }
      : {};
    return { method: 'GET', search: search.toString(), headers: { ...headers, ...preflight } };
  }

  /** JSON that is no single GraphQL request: a batch, a scalar, extra keys, a wrong encoding. */
  private oddJson(
    query: string,
    variables: unknown,
    headers: Record<string, string>,
  ): GraphqlFuzzRequest {
    const { g } = this;
    const body = weighted(g, [
      [2, () => JSON.stringify([{ query }, { query }])],
      [1, () => JSON.stringify([])],
      [2, () => JSON.stringify(g(fc.jsonValue, { maxDepth: 2 }))],
      [1, () => JSON.stringify({ query, variables, nope: 1 })],
      [1, () => `${JSON.stringify({ query })}}`],
      [1, () => JSON.stringify({ query }).slice(0, -1)],
      [1, () => `\ufeff${JSON.stringify({ query })}`],
    ] as const)();
    return { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body };
  }

  private otherContentType(query: string, headers: Record<string, string>): GraphqlFuzzRequest {
    const { g } = this;
    const contentType = pick(g, [
      'text/plain',
      'application/graphql',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'multipart/form-data',
      'application/xml',
      'application/json; charset=latin1',
      '',
    ]);
    const preflight: Record<string, string> = chance(g, 50)
      ? { 'apollo-require-preflight': 'true' }
      : {};
    const body = contentType.startsWith('multipart')
      ? `--x\r\ncontent-disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query })}\r\n--x\r\ncontent-disposition: form-data; name="map"\r\n\r\n${pick(g, ['{}', '{"0":["variables.file"]}', 'nope'])}\r\n--x--\r\n`
      : contentType === 'application/x-www-form-urlencoded'
        ? new URLSearchParams({ query }).toString()
        : query;
    return {
      method: 'POST',
      headers: { ...headers, ...preflight, 'content-type': contentType },
      body,
    };
  }

  private garbageBody(headers: Record<string, string>): GraphqlFuzzRequest {
    return {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: fuzzText(this.g, 200),
    };
  }

  /** Past the 1 MiB JSON limit, or a document past the token limit. */
  private hugeBody(query: string, headers: Record<string, string>): GraphqlFuzzRequest {
    const { g } = this;
    const body = chance(g, 50)
      ? JSON.stringify({ query, variables: { padding: 'x'.repeat(1024 * 1024 + 16) } })
      : JSON.stringify({
          query: `{ ${'__typename '.repeat(g(fc.integer, { min: 1001, max: 5000 }))}}`,
        });
    return { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body };
  }

  /** Text broken as a careless client breaks it: cut short, a stray character, a slice replaced. */
  private broken(text: string): string {
    const { g } = this;
    const at = g(fc.nat, { max: text.length });
    return weighted(g, [
      [2, () => text.slice(0, at)],
      [
        2,
        () =>
          `${text.slice(0, at)}${pick(g, ['{', '}', '(', ')', '$', '@', '!', '"', '...', '#', '\\', '\u0000', ':'])}${text.slice(at)}`,
      ],
      [1, () => `${text.slice(0, at)}${fuzzText(g, 6)}${text.slice(at + 3)}`],
      [1, () => fuzzText(g, 40)],
    ] as const)();
  }
}
