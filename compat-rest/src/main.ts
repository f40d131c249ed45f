import { runService } from '@reel/common';
import { createRestApp } from './app';

runService(
  'compat-rest',
  (config) => config.rest.port,
  async (config, log) => createRestApp(config, log),
);
