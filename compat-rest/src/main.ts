import { runService } from '@reel/common';
import { createRestApp, restEnv } from './app';

runService(
  'compat-rest',
  restEnv,
  (config) => config.rest.port,
  async (config, log) => createRestApp(config, log),
);
