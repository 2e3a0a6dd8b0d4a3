// Which admin store a server (or `npm run user:add`) uses: PostgreSQL when DATABASE_URL is set, else SQLite in
// DATA_DIR (checked for damage before anything writes to it).
import { checkAdminDatabase } from '../history/store';
import type { AdminStore } from './types';

export { StoreOpenError, type AdminStore, type HeldProjectLock } from './types';

export type StoreLocation = { dataDir: string; databaseUrl?: string };

export async function openAdminStore(where: StoreLocation): Promise<AdminStore> {
  if (where.databaseUrl) {
    const { openPostgresStore } = await import('./postgres');
    return openPostgresStore(where.databaseUrl);
  }
  checkAdminDatabase(where.dataDir);
  const { openSqliteStore } = await import('./sqlite');
  return openSqliteStore(where.dataDir);
}
