import { Migrator, NO_MIGRATIONS, PostgresAdapter, sql, type Kysely } from 'kysely';
import { migrationProvider } from './migrations';

export interface MigrateOptions {
	/**
	 * PostgreSQL: the schema that holds Kysely's own bookkeeping tables. Set it when the
	 * connection uses a search_path (tests do): otherwise Kysely looks for its lock table in
	 * every schema and is fooled by one left in `public`.
	 */
	schema?: string;
}

/**
 * On PostgreSQL Kysely's bookkeeping tables always live in the connection's current schema.
 * Without a schema, Kysely's migrator searches every schema for them, and while another process
 * drops a schema (tests, several deployments on one cluster) that search can fail or find the
 * wrong lock table; naming the schema keeps every migrator to its own.
 */
async function migrator(db: Kysely<any>, options: MigrateOptions) {
	let schema = options.schema;
	if (!schema && db.getExecutor().adapter instanceof PostgresAdapter) {
		const { rows } = await sql<{ s: string | null }>`select current_schema() as s`.execute(db);
		schema = rows[0]?.s ?? undefined;
	}
	// Unordered: migrations made on parallel branches land in any order, and a database that
	// already ran a later-numbered one must still take an earlier-numbered newcomer.
	return new Migrator({
		db,
		provider: migrationProvider,
		migrationTableSchema: schema,
		allowUnorderedMigrations: true
	});
}

export async function migrateToLatest(db: Kysely<any>, options: MigrateOptions = {}): Promise<string[]> {
	const { error, results } = await (await migrator(db, options)).migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
		throw new Error(`Database migration "${failed}" failed: ${String((error as Error).message ?? error)}`);
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Runs the migrations up to and including `name` (tests: a database as an older version left it). */
export async function migrateUpTo(db: Kysely<any>, name: string, options: MigrateOptions = {}): Promise<void> {
	const { error } = await (await migrator(db, options)).migrateTo(name);
	if (error) throw error;
}

/** Drops every table by migrating down to nothing; used by `npm run db -- reset`. */
export async function migrateToZero(db: Kysely<any>, options: MigrateOptions = {}): Promise<void> {
	const { error } = await (await migrator(db, options)).migrateTo(NO_MIGRATIONS);
	if (error) throw error;
}
