import type { Endpoint } from '../endpoint';
import { user } from './user';
import { userLogin } from './user-login';
import { userRegister } from './user-register';

/** Every /douyin endpoint compat-rest serves; a new endpoint is one more file and one more entry. */
export const douyinEndpoints: readonly Endpoint<unknown>[] = [userRegister, userLogin, user];
