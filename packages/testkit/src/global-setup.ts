import { migrateAll } from './services';
import { mysqlUrlFor, newRunNamespace } from './run-env';

export default async function globalSetup(): Promise<void> {
  const namespace = newRunNamespace();
  const mysqlUrl = mysqlUrlFor(namespace);
  await migrateAll(mysqlUrl);
  process.env.REEL_NAMESPACE = namespace;
  process.env.MYSQL_URL = mysqlUrl;
}
