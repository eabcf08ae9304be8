/**
 * A fresh, migrated database for one benchmark run: a new SQLite file in a temp folder, or a
 * new schema on BENCH_DATABASE_URL (dropped afterwards), like tests/server/databases.ts.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { connect, type DatabaseHandle, type Dialect } from '../../../server/db/connect';
import { migrateToLatest } from '../../../server/db/migrate';

export interface BenchDatabase extends DatabaseHandle {
	/** What another process (a server under test) uses to reach the same data. */
	url: string;
	file?: string;
	schema?: string;
	/** Bytes on disk: the SQLite file and its WAL, or every relation of the schema. */
	sizeBytes(): Promise<number>;
	/** Closes this process's connection (a server process may go on using the data). */
	close(): Promise<void>;
	/** Closes and deletes everything. */
	drop(): Promise<void>;
}

export async function freshDatabase(dialect: Dialect, postgresUrl?: string, poolSize?: number): Promise<BenchDatabase> {
	if (dialect === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'klatiene-bench-'));
		const file = join(dir, 'bench.db');
		const url = `file:${file}`;
		let handle: DatabaseHandle | null = connect(url);
		await migrateToLatest(handle.db);
		const size = (p: string) => {
			try {
				return statSync(p).size;
			} catch {
				return 0;
			}
		};
		return {
			...handle,
			url,
			file,
			async sizeBytes() {
				return size(file) + size(`${file}-wal`);
			},
			async close() {
				await handle?.destroy();
				handle = null;
			},
			async drop() {
				await handle?.destroy();
				handle = null;
				rmSync(dir, { recursive: true, force: true });
			}
		};
	}
	if (!postgresUrl) throw new Error('BENCH_DATABASE_URL is not set');
	const schema = `bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	await adminQuery(postgresUrl, `create schema ${schema}`);
	let handle: DatabaseHandle | null = connect(postgresUrl, { searchPath: schema, poolSize });
	await migrateToLatest(handle.db, { schema });
	const url = new URL(postgresUrl);
	url.searchParams.set('options', `-c search_path=${schema}`);
	return {
		...handle,
		url: url.toString(),
		schema,
		async sizeBytes() {
			const c = new pg.Client({ connectionString: postgresUrl });
			await c.connect();
			try {
				const r = await c.query(
					`select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as n
					   from pg_class c join pg_namespace n on n.oid = c.relnamespace
					  where n.nspname = $1 and c.relkind in ('r', 'm')`,
					[schema]
				);
				return Number(r.rows[0].n);
			} finally {
				await c.end();
			}
		},
		async close() {
			await handle?.destroy();
			handle = null;
		},
		async drop() {
			await handle?.destroy();
			handle = null;
			await adminQuery(postgresUrl, `drop schema if exists ${schema} cascade`);
		}
	};
}

async function adminQuery(url: string, text: string) {
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		await c.query(text);
	} finally {
		await c.end();
	}
}

/** Rows per table, for checking that nothing was lost and nothing counted twice. */
export async function countRows(handle: DatabaseHandle) {
	const db = handle.db;
	const one = async (q: Promise<{ n: unknown } | undefined>) => Number((await q)?.n ?? 0);
	const count = (table: 'raw_record' | 'record_result' | 'signing_window' | 'qc_contact') =>
		one(db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst());
	const signatures = await db
		.selectFrom('signature')
		.select(['state', (eb) => eb.fn.countAll().as('n')])
		.groupBy('state')
		.execute();
	const byState = Object.fromEntries(signatures.map((r) => [r.state, Number(r.n)]));
	// Accepted signatures that share a person and an initiative: must be none.
	const doubled = await one(
		sql<{ n: number }>`select count(*) as n from (
			select initiative_id, person_key from signature where state = 'accepted'
			group by initiative_id, person_key having count(*) > 1) d`
			.execute(db)
			.then((r) => r.rows[0])
	);
	return {
		raw: await count('raw_record'),
		results: await count('record_result'),
		windows: await count('signing_window'),
		qc: await count('qc_contact'),
		accepted: byState.accepted ?? 0,
		duplicate: byState.duplicate ?? 0,
		rejected: byState.rejected ?? 0,
		doubleAccepted: doubled
	};
}
