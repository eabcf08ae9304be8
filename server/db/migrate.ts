import { Migrator, NO_MIGRATIONS, type Kysely } from 'kysely';
import { migrationProvider } from './migrations';

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
	const migrator = new Migrator({ db, provider: migrationProvider });
	const { error, results } = await migrator.migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
		throw new Error(`Database migration "${failed}" failed: ${String((error as Error).message ?? error)}`);
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Drops every table by migrating down to nothing; used by `npm run db -- reset`. */
export async function migrateToZero(db: Kysely<any>): Promise<void> {
	const migrator = new Migrator({ db, provider: migrationProvider });
	const { error } = await migrator.migrateTo(NO_MIGRATIONS);
	if (error) throw error;
}
