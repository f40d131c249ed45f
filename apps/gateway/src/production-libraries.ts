import { librariesInProductionMode } from '@reel/common/env';

/**
 * Imported first by an entry point, before anything loads graphql, Apollo or Express (see
 * `librariesInProductionMode`): the environment as configured, for `loadConfig`.
 */
export const configuredEnv = librariesInProductionMode();
