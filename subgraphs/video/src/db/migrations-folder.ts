import path from 'node:path';

// A module of its own so start-up scripts can migrate without loading the whole subgraph.
export const migrationsFolder = path.join(__dirname, 'migrations');
