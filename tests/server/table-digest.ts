/**
 * Every row of every table, to show that requests changed nothing already stored. Tables are
 * found in the database itself, so a table a new migration adds is compared too.
 */
import { sql } from 'kysely';
import type { TestDatabase } from './databases';

/** table → (row as JSON → how many such rows) */
export type Digest = Map<string, Map<string, number>>;

async function tableNames(handle: TestDatabase): Promise<string[]> {
	const rows =
		handle.dialect === 'sqlite'
			? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(handle.db)
			: await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(handle.db);
	return rows.rows.map((r) => r.name).filter((n) => !n.startsWith('kysely_migration')).sort();
}

const json = (row: unknown) => JSON.stringify(row, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

export async function digest(handle: TestDatabase): Promise<Digest> {
	const out: Digest = new Map();
	for (const table of await tableNames(handle)) {
		const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(handle.db);
		const counts = new Map<string, number>();
		for (const row of rows.rows) {
			const key = json(row);
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
		out.set(table, counts);
	}
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
