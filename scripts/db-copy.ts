// `DATABASE_URL=postgres://... npm run db:copy [-- path/to/admin.sqlite]`: copies the users and the save history of
// an admin.sqlite (default: DATA_DIR/admin.sqlite) into PostgreSQL, once (see src/server/store/copy.ts).
import path from 'node:path';
import { loadConfig } from '../src/server/config';
import { adminDatabasePath } from '../src/server/history/store';
import { copySqliteToPostgres } from '../src/server/store/copy';
import { describeDatabaseUrl } from '../src/server/store/postgres';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length > 1) throw new Error('Usage: DATABASE_URL=postgres://... npm run db:copy [-- path/to/admin.sqlite]');
  const { dataDir, databaseUrl } = loadConfig();
  if (!databaseUrl) throw new Error('Set DATABASE_URL to the PostgreSQL database to copy into.');
  const file = args[0] ? path.resolve(args[0]) : adminDatabasePath(dataDir);
  const result = await copySqliteToPostgres(file, databaseUrl);
  console.log(
    `Copied ${result.users} users and ${result.history} history rows from ${file} to ${describeDatabaseUrl(databaseUrl)}.`,
  );
  if (result.usersKept.length) console.log(`Already in PostgreSQL, kept as they were: ${result.usersKept.join(', ')}.`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
