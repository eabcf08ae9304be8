import { Migrator, NO_MIGRATIONS, type Kysely } from 'kysely';
import { migrationProvider } from './migrations';

export interface MigrateOptions {
	/**
	 * PostgreSQL: the schema that holds Kysely's own bookkeeping tables. Set it when the
	 * connection uses a search_path (tests do): otherwise Kysely looks for its lock table in
	 * every schema and is fooled by one left in `public`.
	 */
	schema?: string;
}

function migrator(db: Kysely<any>, options: MigrateOptions) {
	return new Migrator({ db, provider: migrationProvider, migrationTableSchema: options.schema });
}

export async function migrateToLatest(db: Kysely<any>, options: MigrateOptions = {}): Promise<string[]> {
	const { error, results } = await migrator(db, options).migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
		throw new Error(`Database migration "${failed}" failed: ${String((error as Error).message ?? error)}`);
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Runs the migrations up to and including `name` (tests: a database as an older version left it). */
export async function migrateUpTo(db: Kysely<any>, name: string, options: MigrateOptions = {}): Promise<void> {
	const { error } = await migrator(db, options).migrateTo(name);
	if (error) throw error;
}

/** Drops every table by migrating down to nothing; used by `npm run db -- reset`. */
export async function migrateToZero(db: Kysely<any>, options: MigrateOptions = {}): Promise<void> {
	const { error } = await migrator(db, options).migrateTo(NO_MIGRATIONS);
	if (error) throw error;
}
