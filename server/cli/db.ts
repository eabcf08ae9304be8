/**
 * `npm run db -- migrate|seed|reset|status`: database chores on whatever DATABASE_URL points
 * at (the embedded SQLite file by default).
 */
import { readConfig } from '../config';
import { connect } from '../db/connect';
import { migrateToLatest, migrateToZero } from '../db/migrate';
import { currentCatalogVersion } from '../repositories/catalog-meta';
import { isEmpty, seedDemoData, seedDemoStaff } from '../seed/seed';

const usage = `Usage: npm run db -- <command>

  migrate   bring the schema up to date
  seed      load the demo data into an empty database (or only the demo staff logins)
  reset     drop every table, migrate and load the demo data again (destroys data!)
  status    print where the database is and its catalog version`;

async function main(command: string | undefined) {
	const config = readConfig();
	const { db, dialect, location, destroy } = connect(config.databaseUrl);
	try {
		switch (command) {
			case 'migrate': {
				const applied = await migrateToLatest(db);
				console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
				break;
			}
			case 'seed': {
				await migrateToLatest(db);
				if (!(await isEmpty(db))) {
					// A database from before staff existed still gets the demo logins.
					const staff = await seedDemoStaff(db);
					console.log(
						staff
							? `The database already has initiatives; seeded ${staff} demo staff logins only.`
							: 'The database already has initiatives and staff; nothing seeded. Use "reset" to start over.'
					);
					break;
				}
				const n = await seedDemoData(db);
				console.log(`Seeded ${n.initiatives} initiatives, ${n.offices} offices and ${n.staff} demo staff logins.`);
				break;
			}
			case 'reset': {
				await migrateToZero(db);
				await migrateToLatest(db);
				const n = await seedDemoData(db);
				console.log(`Reset ${dialect} database; seeded ${n.initiatives} initiatives, ${n.offices} offices and ${n.staff} demo staff logins.`);
				break;
			}
			case 'status': {
				await migrateToLatest(db);
				console.log(`${dialect} at ${location}; catalog version ${await currentCatalogVersion(db)}`);
				break;
			}
			default:
				console.log(usage);
				process.exitCode = command ? 2 : 0;
		}
	} finally {
		await destroy();
	}
}

main(process.argv[2]).catch((e) => {
	console.error(`db ${process.argv[2] ?? ''} failed: ${e instanceof Error ? e.message : e}`);
	process.exit(1);
});
