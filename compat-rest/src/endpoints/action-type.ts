import { idParam, type Params } from '../params';
import { RestError } from '../rest-error';

/**
 * The operation the `action_type` param names, from "1" and "2" (douyin-api.md §3.7, §3.9);
 * anything else is refused before the gateway is asked, so nothing is written.
 */
export function operationOf<TName extends string>(
  params: Params,
  actions: { 1: { operation: TName; meaning: string }; 2: { operation: TName; meaning: string } },
): TName {
  const value = params.get('action_type')?.trim();
  if (value === '1' || value === '2') return actions[value].operation;
  throw new RestError(
    'BAD_USER_INPUT',
    `action_type must be 1 (${actions[1].meaning}) or 2 (${actions[2].meaning})`,
  );
}

/** A required id param as the GraphQL ID it becomes; BAD_USER_INPUT when absent or not an id. */
export function requiredId(params: Params, name: string): string {
  const id = idParam(params.get(name));
  if (id === undefined)
    throw new RestError('BAD_USER_INPUT', `${name} is missing or not a valid id`);
  return String(id);
}
