import {
  type ArgumentNode,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getDirectiveValues,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLSchema,
  GraphQLSkipDirective,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  print,
  type SelectionNode,
  TypeInfo,
  type VariableDefinitionNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/*
 * A subscription's selection, taken apart: the root field it watches (graphql's validation
 * already holds it to exactly one) and the lookup query each event is hydrated with, e.g.
 *   subscription S($v: ID!) { c: commentAdded(videoId: $v) { ...F author { name } } }
 * becomes
 *   query S($id: ID!) { c: comment(id: $id) { ...F author { name } } }  + fragment F
 * so the answer has the subscription's own shape, and federated fields resolve as in any query.
 */

export interface RootField {
  /** Its alias, or its name: the key of the data every event is delivered under. */
  responseKey: string;
  /** Every node selecting it (a field may be spread in several times; GraphQL merges them). */
  nodes: FieldNode[];
}

/** The one root field the operation selects with these variables; null when all are skipped. */
export function rootFieldOf(
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
): RootField | null {
  const included = (node: SelectionNode) =>
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  const nodes = new Map<string, FieldNode[]>();
  const seen = new Set<string>();
  const collect = (selections: readonly SelectionNode[]) => {
    for (const selection of selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        nodes.set(key, [...(nodes.get(key) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet.selections);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (fragment) collect(fragment.selectionSet.selections);
      }
    }
  };
  collect(operation.selectionSet.selections);
  const [first] = nodes;
  return first ? { responseKey: first[0], nodes: first[1] } : null;
}

export interface LookupQuery {
  /** The printed query: one string per distinct selection, so Apollo parses and plans it once. */
  query: string;
  operationName: string | undefined;
  /** The variable the looked-up id goes in. */
  idVariable: string;
  /** The subscriber's variables that the selection uses; the rest are left out. */
  variables: Record<string, unknown>;
  /** Whether the answer may differ from one viewer to another (see viewerDependentFields). */
  viewerDependent: boolean;
}

export interface LookupInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  root: RootField;
  /** The Query field answering one item by id, and its id argument (`comment(id:)`). */
  lookup: { field: string; argument: string };
  /** As the client sent them: Apollo coerces them again. */
  variables: Readonly<Record<string, unknown>>;
}

/**
 * Fields whose value depends on who asks. An answer that selects one is hydrated per viewer;
 * any other is shared by every subscriber with the same selection. Beyond these names, any field
 * whose SDL description speaks of "the viewer" counts too (isFavorite: "Whether the viewer likes
 * this video"), so a new per-viewer field is kept per viewer unless its description hides it.
 */
export const viewerDependentFields: ReadonlySet<string> = new Set([
  'isFavorite',
  'isFollow',
  'viewer',
]);

const SPEAKS_OF_THE_VIEWER = /\bviewer\b/i;

export function lookupQuery(input: LookupInput): LookupQuery {
  const { operation, fragments, root } = input;
  const taken = new Set(operation.variableDefinitions?.map((v) => v.variable.name.value));
  let idVariable = 'id';
  for (let n = 2; taken.has(idVariable); n += 1) idVariable = `id${n}`;

  const selections = root.nodes.flatMap((node) => node.selectionSet?.selections ?? []);
  const used = usedFragments(selections, fragments);
  const variableNames = usedVariables([...selections, ...used.map((f) => f.selectionSet)]);
  const kept = (operation.variableDefinitions ?? []).filter((definition) =>
    variableNames.has(definition.variable.name.value),
  );
  const idDefinition: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: idVariable } },
    type: {
      kind: Kind.NON_NULL_TYPE,
      type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } },
    },
  };
  const idArgument: ArgumentNode = {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: input.lookup.argument },
    value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: idVariable } },
  };
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: operation.name,
        variableDefinitions: [idDefinition, ...kept],
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [
            {
              kind: Kind.FIELD,
              alias: { kind: Kind.NAME, value: root.responseKey },
              name: { kind: Kind.NAME, value: input.lookup.field },
              arguments: [idArgument],
              selectionSet: { kind: Kind.SELECTION_SET, selections },
            },
          ],
        },
      },
      ...used,
    ],
  };

  const variables: Record<string, unknown> = {};
  for (const definition of kept) {
    const name = definition.variable.name.value;
    if (name in input.variables) variables[name] = input.variables[name];
  }
  return {
    query: print(document),
    operationName: operation.name?.value,
    idVariable,
    variables,
    viewerDependent: selectsViewerDependentField(input.schema, document),
  };
}

/** The fragments the selections spread, directly or through other fragments, in source order. */
function usedFragments(
  selections: readonly SelectionNode[],
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): FragmentDefinitionNode[] {
  const names = new Set<string>();
  const pending = [...selections];
  for (let node = pending.pop(); node; node = pending.pop()) {
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments[spread.name.value];
        if (!fragment || names.has(spread.name.value)) return;
        names.add(spread.name.value);
        pending.push(...fragment.selectionSet.selections);
      },
    });
  }
  return Object.values(fragments).filter((fragment) => names.has(fragment.name.value));
}

function usedVariables(nodes: readonly ASTNode[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes)
    visit(node, { Variable: (variable) => void names.add(variable.name.value) });
  return names;
}

function selectsViewerDependentField(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let dependent = false;
  const isDependent = (field: GraphQLField<unknown, unknown>) =>
    viewerDependentFields.has(field.name) || SPEAKS_OF_THE_VIEWER.test(field.description ?? '');
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const field = typeInfo.getFieldDef();
        if (field && isDependent(field)) dependent = true;
      },
    }),
  );
  return dependent;
}
