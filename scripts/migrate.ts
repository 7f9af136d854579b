// npm run migrate            apply every pending migration
// npm run migrate -- --down  undo every applied migration (drops all tables but knex's own)
import { loadConfig } from '../server/config';
import { migrateLatest, migrateRollbackAll, openDatabase } from '../server/store/db';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--down');
if (unknown.length) {
  console.error(`unknown argument(s): ${unknown.join(' ')}\nusage: npm run migrate [-- --down]`);
  process.exit(2);
}

const { databaseUrl } = loadConfig();
const db = openDatabase(databaseUrl);
try {
  const down = args.includes('--down');
  const names = down ? await migrateRollbackAll(db) : await migrateLatest(db);
  const verb = down ? 'undone' : 'applied';
  console.log(names.length ? `${names.length} migration(s) ${verb}:\n  ${names.join('\n  ')}` : `nothing to do: no migration ${verb}`);
} catch (err) {
  console.error('migration failed:', err);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
