/**
 * Every row of every table, to show that requests changed nothing already stored. Tables are
 * found in the database itself, so a table a new migration adds is compared too.
 */
import { sql } from 'kysely';
import type { TestDatabase } from './databases';

/** table → (row as JSON → how many such rows) */
export type Digest = Map<string, Map<string, number>>;

const namesOf = new WeakMap<TestDatabase, Promise<string[]>>();

/** The tables, read once per database (a test does not migrate in between). */
function tableNames(handle: TestDatabase): Promise<string[]> {
	let names = namesOf.get(handle);
	if (!names) namesOf.set(handle, (names = readTableNames(handle)));
	return names;
}

async function readTableNames(handle: TestDatabase): Promise<string[]> {
	const rows =
		handle.dialect === 'sqlite'
			? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(handle.db)
			: await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(handle.db);
	return rows.rows.map((r) => r.name).filter((n) => !n.startsWith('kysely_migration')).sort();
}

const json = (row: unknown) => JSON.stringify(row, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

/**
 * Each row as its JSON text (SQLite, one query per table: a local file) or as the MD5 of its
 * JSON text, every table in one round trip (PostgreSQL: raw push bodies stay on the server).
 */
export async function digest(handle: TestDatabase): Promise<Digest> {
	const tables = await tableNames(handle);
	const out: Digest = new Map(tables.map((t) => [t, new Map<string, number>()]));
	const add = (table: string, key: string) => {
		const counts = out.get(table)!;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	};
	if (handle.dialect === 'sqlite') {
		for (const table of tables) {
			const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(handle.db);
			for (const row of rows.rows) add(table, json(row));
		}
		return out;
	}
	const parts = tables.map((t) => sql`select ${t} as t, md5(row_to_json(x)::text) as r from ${sql.table(t)} x`);
	const rows = await sql<{ t: string; r: string }>`${sql.join(parts, sql` union all `)}`.execute(handle.db);
	for (const row of rows.rows) add(row.t, row.r);
	return out;
}

/**
 * What changed from `before` to `after`, in words; empty when nothing did. Tables in `growing`
 * may gain rows (append-only logs, counters, the test's own sessions) but every row they had
 * must still be there, unchanged; tables in `ignored` are not compared.
 */
export function changes(before: Digest, after: Digest, o: { growing?: ReadonlySet<string>; ignored?: ReadonlySet<string> } = {}): string[] {
	const out: string[] = [];
	for (const table of new Set([...before.keys(), ...after.keys()])) {
		if (o.ignored?.has(table)) continue;
		const b = before.get(table) ?? new Map<string, number>();
		const a = after.get(table) ?? new Map<string, number>();
		for (const [row, n] of b) if ((a.get(row) ?? 0) < n) out.push(`${table}: changed or deleted ${row.slice(0, 300)}`);
		if (o.growing?.has(table)) continue;
		for (const [row, n] of a) if ((b.get(row) ?? 0) < n) out.push(`${table}: new or changed ${row.slice(0, 300)}`);
	}
	return out;
}
