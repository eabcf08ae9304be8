/**
 * Multi-row inserts for the sync hot path, without Kysely's per-call query building.
 *
 * The SQL text is made once per table, column list and row count, and kept; values are bound
 * as parameters. On SQLite the rows go in statements of a few fixed sizes (128, 32, 8, 1 rows),
 * so there are only a handful of distinct texts per table and the connection's statement cache
 * (connect.ts) prepares each once; on PostgreSQL, where each statement is a round trip, one
 * statement per chunk as large as the parameter limit allows (chunks.ts).
 *
 * Identifiers come from code, never from input; values are always parameters.
 */
import { CompiledQuery, SqliteAdapter, type Kysely } from 'kysely';
import type { Database } from './schema';
import { chunksFor } from './chunks';

const SQLITE_SIZES = [128, 32, 8, 1];
const texts = new Map<string, string>();

export interface InsertOptions {
	/** `on conflict (…) [where …] do nothing`: columns of the unique index, and its predicate as SQL. */
	onConflictDoNothing?: { columns: readonly string[]; where?: string };
	/** A column to return from the rows actually inserted. */
	returning?: string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function isSqlite(db: Kysely<Database>): boolean {
	return db.getExecutor().adapter instanceof SqliteAdapter;
}

function insertText(sqlite: boolean, table: string, columns: readonly string[], rows: number, o: InsertOptions): string {
	const key = `${sqlite ? 's' : 'p'}|${table}|${columns.join(',')}|${rows}|${o.onConflictDoNothing?.columns.join(',') ?? ''}|${o.onConflictDoNothing?.where ?? ''}|${o.returning ?? ''}`;
	let text = texts.get(key);
	if (text) return text;
	let n = 0;
	const tuple = () => `(${columns.map(() => (sqlite ? '?' : `$${++n}`)).join(', ')})`;
	const values = Array.from({ length: rows }, tuple).join(', ');
	text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${values}`;
	if (o.onConflictDoNothing) {
		const c = o.onConflictDoNothing;
		text += ` on conflict (${c.columns.map(quote).join(', ')})${c.where ? ` where ${c.where}` : ''} do nothing`;
	}
	if (o.returning) text += ` returning ${quote(o.returning)}`;
	if (texts.size > 2_000) texts.clear();
	texts.set(key, text);
	return text;
}

/**
 * Inserts rows (all with the keys of the first row; undefined becomes null) in order. Returns
 * the `returning` column of the rows inserted, when asked.
 */
export async function insertRows<T extends keyof Database & string>(
	db: Kysely<Database>,
	table: T,
	rows: readonly object[],
	o: InsertOptions = {}
): Promise<unknown[]> {
	if (rows.length === 0) return [];
	const columns = Object.keys(rows[0]);
	const sqlite = isSqlite(db);
	const back: unknown[] = [];
	const run = async (chunk: readonly object[]) => {
		const params: unknown[] = [];
		for (const row of chunk) {
			const r = row as Record<string, unknown>;
			for (const c of columns) params.push(r[c] ?? null);
		}
		const result = await db.executeQuery<Record<string, unknown>>(
			CompiledQuery.raw(insertText(sqlite, table, columns, chunk.length, o), params)
		);
		if (o.returning) for (const r of result.rows) back.push(r[o.returning]);
	};
	if (sqlite) {
		let i = 0;
		for (const size of SQLITE_SIZES) {
			while (rows.length - i >= size) {
				await run(rows.slice(i, i + size));
				i += size;
			}
		}
	} else {
		for (const chunk of chunksFor(rows)) await run(chunk);
	}
	return back;
}
