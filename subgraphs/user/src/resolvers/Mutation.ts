import { type AccountDeps, login, register } from '../domain/accounts';
import type { MutationResolvers } from '../generated/resolvers-types';

export function mutationResolvers(deps: AccountDeps): MutationResolvers {
  return {
    register: (_parent, args, ctx) => register(deps, args.username, args.password, ctx.clientIp),
    login: (_parent, args, ctx) => login(deps, args.username, args.password, ctx.clientIp),
  };
}
