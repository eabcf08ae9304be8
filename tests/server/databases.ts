/**
 * Runs a suite against every database the project supports: a temp SQLite file always, and
 * PostgreSQL when TEST_DATABASE_URL is set (then it is never skipped). Each test gets a fresh,
 * migrated database: a new file, or a new PostgreSQL schema dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import { connect, type DatabaseHandle, type Dialect } from '../../server/db/connect';
import { migrateToLatest, migrateUpTo } from '../../server/db/migrate';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL;

export const DIALECTS: Dialect[] = POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase extends DatabaseHandle {
	/** The URL a separate process (a server under test) would use to reach this database. */
	url: string;
	file?: string;
	/** PostgreSQL: the test's own schema. */
	schema?: string;
}

export interface CreateOptions {
	/** Migrate only up to (and including) this migration, as an older version left it. */
	upTo?: string;
}

export async function createTestDatabase(
	dialect: Dialect,
	options: CreateOptions = {}
): Promise<TestDatabase & { drop(): Promise<void> }> {
	const migrate = (db: DatabaseHandle['db'], schema?: string) =>
		options.upTo ? migrateUpTo(db, options.upTo, { schema }) : migrateToLatest(db, { schema });
	if (dialect === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'klatiene-test-'));
		const file = join(dir, 'test.db');
		const url = `file:${file}`;
		const handle = connect(url);
		await migrate(handle.db);
		return {
			...handle,
			url,
			file,
			async drop() {
				await handle.destroy();
				rmSync(dir, { recursive: true, force: true });
			}
		};
	}
	if (!POSTGRES_URL) throw new Error('TEST_DATABASE_URL is not set');
	const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = new pg.Client({ connectionString: POSTGRES_URL });
	await admin.connect();
	await admin.query(`create schema ${schema}`);
	await admin.end();
	const handle = connect(POSTGRES_URL, { searchPath: schema });
	try {
		await whileNoSchemaIsDropped(async () => {
			await migrate(handle.db, schema);
		});
	} catch (e) {
		await handle.destroy();
		await dropSchema(schema);
		throw e;
	}
	const url = new URL(POSTGRES_URL);
	url.searchParams.set('options', `-c search_path=${schema}`);
	return {
		...handle,
		url: url.toString(),
		schema,
		async drop() {
			await handle.destroy();
			await dropSchema(schema);
		}
	};
}

/**
 * Kysely's migrator introspects the tables of every schema (`pg_get_serial_sequence` on each
 * column), and that query fails with "schema t_… does not exist" when another test drops its
 * schema at the same moment. Migrations hold a shared advisory lock and drops an exclusive one, so
 * the two never overlap; migrations still run side by side.
 */
const SCHEMA_LOCK = 7_406_211;

async function whileNoSchemaIsDropped<T>(work: () => Promise<T>): Promise<T> {
	const c = new pg.Client({ connectionString: POSTGRES_URL });
	await c.connect();
	try {
		await c.query('select pg_advisory_lock_shared($1)', [SCHEMA_LOCK]);
		return await work();
	} finally {
		await c.end();
	}
}

async function dropSchema(schema: string) {
	const c = new pg.Client({ connectionString: POSTGRES_URL });
	await c.connect();
	try {
		await c.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
		await c.query(`drop schema if exists ${schema} cascade`);
	} finally {
		await c.end();
	}
}

/** `describe` once per database; `ctx.db` is a fresh migrated database in each test. */
export function describeEachDatabase(
	name: string,
	body: (ctx: { readonly handle: TestDatabase; readonly db: TestDatabase['db']; dialect: Dialect }) => void
) {
	for (const dialect of DIALECTS) {
		describe(`${name} [${dialect}]`, () => {
			let current: (TestDatabase & { drop(): Promise<void> }) | undefined;
			beforeEach(async () => {
				current = await createTestDatabase(dialect);
			});
			afterEach(async () => {
				await current?.drop();
				current = undefined;
			});
			body({
				get handle() {
					if (!current) throw new Error('no database outside a test');
					return current;
				},
				get db() {
					if (!current) throw new Error('no database outside a test');
					return current.db;
				},
				dialect
			});
		});
	}
}
