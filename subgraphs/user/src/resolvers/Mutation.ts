import { type AccountDeps, login, register } from '../domain/accounts';
import type { MutationResolvers } from '../generated/resolvers-types';

export function mutationResolvers(deps: AccountDeps): MutationResolvers {
  return {
    register: (_parent, args) => register(deps, args.username, args.password),
    login: (_parent, args) => login(deps, args.username, args.password),
  };
}
