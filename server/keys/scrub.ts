/**
 * Deleting a row (or dropping a column) does not erase its bytes: SQLite leaves them in free
 * pages and in the write-ahead log, PostgreSQL in dead tuples until the table is rewritten. A
 * copy of the file would still hold the keys or birth dates removed. After removing such data
 * once, the server rewrites what held it:
 *
 * - SQLite: VACUUM (a new file with live pages only), then a TRUNCATE checkpoint so the
 *   write-ahead log no longer holds the old pages either;
 * - PostgreSQL: VACUUM FULL of the named tables (a new table file without dead tuples or
 *   dropped columns' values; VACUUM cannot run in a transaction, so it is outside one).
 *
 * Backups and PostgreSQL WAL archives made before still hold them: README "Keys" says so.
 */
import { sql } from 'kysely';
import type { KeyDatabase } from './resolve';

export async function scrubDeleted(database: KeyDatabase, tables: readonly string[]): Promise<void> {
	if (database.dialect === 'sqlite') {
		await sql`vacuum`.execute(database.db);
		await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
		return;
	}
	for (const table of tables) await sql`vacuum full ${sql.table(table)}`.execute(database.db);
}
