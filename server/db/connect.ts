import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import { BACKSTOP_PAGES, startCheckpointer } from './checkpointer';
import { nulSafeText } from './pg-text';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
	db: Kysely<Database>;
	dialect: Dialect;
	/** Where the data lives, for logs: a file path or the PostgreSQL URL without password. */
	location: string;
	destroy(): Promise<void>;
}

export interface ConnectOptions {
	/** PostgreSQL only: put every table in this schema (tests isolate themselves this way). */
	searchPath?: string;
	poolSize?: number;
}

// COUNT(*) and bigint columns come back from pg as strings by default; every number we store
// (epoch milliseconds, counts, versions) fits safely in a JavaScript number.
const PG_INT8 = 20;
const pgTypes = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === PG_INT8) return (value: string) => Number(value);
		return pg.types.getTypeParser(oid, format);
	}
};

const STATEMENT_CACHE = 500;

/**
 * Kysely prepares every query it runs; SQLite's prepare (parsing and planning) costs more than
 * running a small insert. The connection keeps its most recently used prepared statements by
 * SQL text, so a query run again with new parameters skips the prepare. Safe on this single
 * connection: Kysely runs one query at a time on it.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
	const cache = new Map<string, SqliteDatabase.Statement>();
	return {
		prepare(text: string) {
			let statement = cache.get(text);
			if (statement) {
				// Most recently used last, so the oldest is evicted first.
				cache.delete(text);
			} else {
				statement = sqlite.prepare(text);
				if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
			}
			cache.set(text, statement);
			return statement;
		},
		close() {
			cache.clear();
			sqlite.close();
		}
	};
}

export function sqliteFileOf(url: string): string {
	const path = url.slice('file:'.length);
	return path === ':memory:' ? path : resolve(path);
}

export function connect(url: string, options: ConnectOptions = {}): DatabaseHandle {
	if (url.startsWith('file:')) {
		const file = sqliteFileOf(url);
		if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
		const sqlite = new SqliteDatabase(file);
		sqlite.pragma('journal_mode = WAL');
		sqlite.pragma('synchronous = NORMAL');
		sqlite.pragma('foreign_keys = ON');
		sqlite.pragma('busy_timeout = 5000');
		// Checkpoints run on a thread of their own (checkpointer.ts); the connection's own
		// automatic checkpoint stays as a backstop at a larger WAL size.
		const checkpointer = startCheckpointer(file);
		if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
		const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
		const destroy = async () => {
			await checkpointer?.close();
			await db.destroy();
		};
		return { db, dialect: 'sqlite', location: file, destroy };
	}
	if (/^postgres(ql)?:\/\//.test(url)) {
		const pool = nulSafeText(
			new pg.Pool({
				connectionString: url,
				max: options.poolSize ?? 10,
				types: pgTypes,
				options: options.searchPath ? `-c search_path=${options.searchPath}` : undefined
			})
		);
		const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
		const safe = new URL(url);
		safe.password = '';
		return { db, dialect: 'postgres', location: safe.toString(), destroy: () => db.destroy() };
	}
	throw new Error(
		`DATABASE_URL "${url}" is not supported: use file:./data/klatiene.db for SQLite or postgres://user@host:5432/db for PostgreSQL.`
	);
}
