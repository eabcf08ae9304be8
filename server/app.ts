import type { App } from './app-context';
import { readConfig, type Config } from './config';
import { log as rootLog, type Logger } from './log';
import { connect, type DatabaseHandle } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { databaseExists, keyFilePath, runningTheDemo } from './keys/demo';
import { readKeyFile } from './keys/key-file';
import { loadKeys } from './keys/resolve';
import { activeDemoLogins, demoLoginsBanner } from './seed/demo-check';
import { purgeIdentities } from './services/admin/retention';
import { purgeExpired } from './services/housekeeping';


const HOUSEKEEPING_EVERY_MS = 60 * 60 * 1000;
const RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * Opens the database, brings its schema up to date, loads the keys (never from the database:
 * server/keys/resolve.ts) and, when running the demo (server/keys/demo.ts: the server made the
 * default ./data/klatiene.db itself, or DEMO_DATA=on), loads the demo data into an empty
 * database, so that `npm start` on a fresh clone shows a working catalog. A server with demo
 * logins that still work says so loudly at every start.
 */
export async function createApp(config: Config = readConfig(), log: Logger = rootLog): Promise<App> {
	const path = keyFilePath(config);
	const demo = runningTheDemo(config, {
		databaseExisted: databaseExists(config),
		keyFile: path ? (readKeyFile(path)?.file ?? null) : null
	});
	const database = connect(config.databaseUrl);
	try {
		return await start(config, database, demo, log);
	} catch (e) {
		await database.destroy();
		throw e;
	}
}

async function start(config: Config, database: DatabaseHandle, demo: boolean, log: Logger): Promise<App> {
	const applied = await migrateToLatest(database.db);
	if (applied.length) log.info({ dialect: database.dialect, migrations: applied }, `migrated ${database.dialect}: ${applied.join(', ')}`);
	const keys = await loadKeys(database, config, { demo });
	for (const w of keys.warnings) log.warn(w);
	if (keys.movedFromDatabase.length) {
		log.warn(
			`moved the keys an earlier version kept in the database (${keys.movedFromDatabase.join(', ')}) ` +
				`to ${keys.keyFile} and deleted them from the database: keep that file, apart from the backups (README "Keys")`
		);
	}
	if (keys.wrote.includes('made')) log.info(`demo: made new keys in ${keys.keyFile} (mode 0600, outside the database)`);
	const secrets = keys.secrets;
	// The demo data (600 lines of texts) is loaded only by a server that runs the demo: a
	// production build keeps it in a chunk of its own that a deployment never reads.
	const seed = demo ? await import('./seed/seed') : null;
	if (seed && (await seed.isEmpty(database.db))) {
		const n = await seed.seedDemoData(database.db);
		log.info(n, `demo data: ${n.initiatives} initiatives, ${n.offices} offices, ${n.staff} staff (demo passwords!)`);
	}
	const demoLogins = await activeDemoLogins(database.db);
	// One record, so a log collector keeps the banner together; a person reads it as printed.
	if (demoLogins.length) log.warn({ demoLogins: demoLogins.length }, `\n${demoLoginsBanner(demoLogins).join('\n')}`);
	const app: App = { config, database, secrets, now: () => Date.now() };
	const housekeeping = () =>
		purgeExpired(database.db, app.now()).catch((err) => log.error({ err }, 'housekeeping failed'));
	await housekeeping();
	setInterval(housekeeping, HOUSEKEEPING_EVERY_MS).unref();
	if (config.purgeDaily) {
		// PURGE_DAILY=1: the retention purge (RETENTION_DAYS) at start and then once a day; it is
		// idempotent, so several instances doing it is harmless.
		const retention = () =>
			purgeIdentities(database.db, config, app.now())
				.then((r) => {
					for (const i of r.initiatives) log.info({ initiative: i.slug, windows: i.windows, signatures: i.signatures }, `retention: deleted the identities of ${i.slug} (${i.windows} windows, ${i.signatures} signatures)`);
				})
				.catch((err) => log.error({ err }, 'retention purge failed'));
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
