import { readConfig, type Config } from './config';
import { connect, type DatabaseHandle } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { loadSecrets, type Secrets } from './secrets';
import { isEmpty, seedDemoData } from './seed/seed';
import { purgeIdentities } from './services/admin/retention';
import { purgeExpired } from './services/housekeeping';

export interface App {
	config: Config;
	database: DatabaseHandle;
	secrets: Secrets;
	now(): number;
}

const HOUSEKEEPING_EVERY_MS = 60 * 60 * 1000;
const RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * Opens the database, brings its schema up to date and, on an empty embedded database, loads
 * the demo data, so that `npm start` on a fresh clone shows a working catalog.
 */
export async function createApp(config: Config = readConfig(), log = console.log): Promise<App> {
	const database = connect(config.databaseUrl);
	const applied = await migrateToLatest(database.db);
	if (applied.length) log(`[klatiene] migrated ${database.dialect}: ${applied.join(', ')}`);
	const secrets = await loadSecrets(database.db, config);
	if (secrets.source.sealing === 'database' || secrets.source.personKey === 'database') {
		log('[klatiene] server secrets are kept in the database (set SEALING_PRIVATE_KEY and PERSON_KEY_SECRET in production)');
	}
	const seed =
		config.demoData === 'on' || (config.demoData === 'auto' && database.dialect === 'sqlite');
	if (seed && (await isEmpty(database.db))) {
		const n = await seedDemoData(database.db);
		log(`[klatiene] demo data: ${n.initiatives} initiatives, ${n.offices} offices, ${n.staff} staff (demo passwords!)`);
	}
	const app: App = { config, database, secrets, now: () => Date.now() };
	const housekeeping = () =>
		purgeExpired(database.db, app.now()).catch((e) => console.error('[klatiene] housekeeping failed:', e));
	await housekeeping();
	setInterval(housekeeping, HOUSEKEEPING_EVERY_MS).unref();
	if (config.purgeDaily) {
		// PURGE_DAILY=1: the retention purge (RETENTION_DAYS) at start and then once a day; it is
		// idempotent, so several instances doing it is harmless.
		const retention = () =>
			purgeIdentities(database.db, config, app.now())
				.then((r) => {
					for (const i of r.initiatives) log(`[klatiene] retention: deleted the identities of ${i.slug} (${i.windows} windows, ${i.signatures} signatures)`);
				})
				.catch((e) => console.error('[klatiene] retention purge failed:', e));
		await retention();
		setInterval(retention, RETENTION_EVERY_MS).unref();
	}
	return app;
}

let current: Promise<App> | undefined;

/** The one App of this server process. */
export function getApp(): Promise<App> {
	current ??= createApp();
	return current;
}
