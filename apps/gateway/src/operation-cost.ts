import {
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  type GraphQLNamedType,
  type GraphQLSchema,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  /** Coerced variable values (graphql's getVariableValues), so `first: $n` is known. */
  variables: Readonly<Record<string, unknown>>;
  /** Taken for a `first` argument with neither a value nor an SDL default. */
  assumedPageSize: number;
}

/**
 * An operation's estimated cost: 1 for every object it may resolve. A field with a `first`
 * argument sizes the lists right below it (a connection's `edges`, a page's `videos`), or itself
 * when it returns a list; `first` is the literal, the variable's value or the SDL default, so
 * `videos` without arguments counts its default page. Scalars, `__typename` and introspection
 * cost nothing: what is priced is rows fetched and entities resolved across subgraphs.
 */
export function estimateCost(input: CostInput): number {
  const { schema, operation, fragments, variables, assumedPageSize } = input;
  // a fragment's cost depends only on the page size it is spread under: a chain of fragments
  // each spreading the next twice must not cost 2^n to estimate
  const fragmentCosts = new Map<string, number>();

  const selectionCost = (
    selectionSet: SelectionSetNode,
    parentType: GraphQLNamedType | null | undefined,
    pageSize: number | undefined,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parentType, pageSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parentType;
        total += selectionCost(selection.selectionSet, type, pageSize);
      } else {
        const name = selection.name.value;
        const key = `${name}:${pageSize ?? ''}`;
        let cost = fragmentCosts.get(key);
        if (cost === undefined) {
          // spreading a fragment while estimating it (a cycle) is invalid and rejected in
          // validation; counting it as 0 meanwhile keeps this finite
          fragmentCosts.set(key, 0);
          const fragment = fragments[name];
          cost = fragment
            ? selectionCost(
                fragment.selectionSet,
                schema.getType(fragment.typeCondition.name.value),
                pageSize,
              )
            : 0;
          fragmentCosts.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };

  const fieldCost = (
    node: FieldNode,
    parentType: GraphQLNamedType | null | undefined,
    pageSize: number | undefined,
  ): number => {
    if (!isObjectType(parentType) && !isInterfaceType(parentType)) return 0;
    // meta fields (__typename, __schema, __type) are not in getFields()
    const field = parentType.getFields()[node.name.value];
    if (!field || !node.selectionSet) return 0;
    const type = getNamedType(field.type);
    if (!isCompositeType(type)) return 0;

    let first: number | undefined;
    if (field.args.some((arg) => arg.name === 'first')) {
      const value = getArgumentValues(field, node, variables as Record<string, unknown>).first;
      first = typeof value === 'number' ? Math.max(0, value) : assumedPageSize;
    }
    const isList = isListType(getNullableType(field.type));
    const items = isList ? (first ?? pageSize ?? 1) : 1;
    const perItem = 1 + selectionCost(node.selectionSet, type, isList ? undefined : first);
    return items * perItem;
  };

  const root = schema.getRootType(operation.operation);
  return root ? selectionCost(operation.selectionSet, root, undefined) : 0;
}
