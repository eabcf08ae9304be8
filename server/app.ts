import { readConfig, type Config } from './config';
import { connect, type DatabaseHandle } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { isEmpty, seedDemoData } from './seed/seed';

export interface App {
	config: Config;
	database: DatabaseHandle;
	now(): number;
}

/**
 * Opens the database, brings its schema up to date and, on an empty embedded database, loads
 * the demo data, so that `npm start` on a fresh clone shows a working catalog.
 */
export async function createApp(config: Config = readConfig(), log = console.log): Promise<App> {
	const database = connect(config.databaseUrl);
	const applied = await migrateToLatest(database.db);
	if (applied.length) log(`[klatiene] migrated ${database.dialect}: ${applied.join(', ')}`);
	const seed =
		config.demoData === 'on' || (config.demoData === 'auto' && database.dialect === 'sqlite');
	if (seed && (await isEmpty(database.db))) {
		const n = await seedDemoData(database.db);
		log(`[klatiene] demo data: ${n.initiatives} initiatives, ${n.offices} offices`);
	}
	return { config, database, now: () => Date.now() };
}

let current: Promise<App> | undefined;

/** The one App of this server process. */
export function getApp(): Promise<App> {
	current ??= createApp();
	return current;
}
