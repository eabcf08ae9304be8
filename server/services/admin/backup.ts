/**
 * A consistent copy of the embedded SQLite database while the server keeps running, with
 * SQLite's online backup API (better-sqlite3 `backup`). The copy is taken in one step, so it
 * is one snapshot; in WAL mode the server's writers are not blocked meanwhile. PostgreSQL
 * deployments use pg_dump (see README, "Back office").
 */
import SqliteDatabase from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { sqliteFileOf } from '../../db/connect';

export class BackupError extends Error {}

export interface BackupResult {
	file: string;
	bytes: number;
	pages: number;
	integrity: string;
}

export async function backupSqlite(databaseUrl: string, destination: string): Promise<BackupResult> {
	if (!databaseUrl.startsWith('file:')) {
		throw new BackupError(
			'The database is PostgreSQL: use pg_dump, for example\n' +
				'  pg_dump --format=custom --file klatiene.dump "$DATABASE_URL"\n' +
				'and restore with pg_restore --clean --dbname "$DATABASE_URL" klatiene.dump (see README, "Back office").'
		);
	}
	const source = sqliteFileOf(databaseUrl);
	const target = resolve(destination);
	if (source === ':memory:') throw new BackupError('An in-memory database cannot be backed up.');
	if (!existsSync(source)) throw new BackupError(`No database at ${source}`);
	if (existsSync(target)) throw new BackupError(`${target} exists already: choose a new file name.`);
	if (target === source) throw new BackupError('The backup must go to another file.');
	const db = new SqliteDatabase(source, { fileMustExist: true });
	let pages = 0;
	try {
		db.pragma('busy_timeout = 5000');
		// Everything in one step after the first: one consistent snapshot, never restarted by
		// the server's writes in between.
		const done = await db.backup(target, { progress: () => 0x7fffffff });
		pages = done.totalPages;
	} finally {
		db.close();
	}
	const copy = new SqliteDatabase(target, { readonly: true, fileMustExist: true });
	let integrity: string;
	try {
		integrity = String(copy.pragma('integrity_check', { simple: true }));
	} finally {
		copy.close();
	}
	if (integrity !== 'ok') throw new BackupError(`The copy at ${target} failed its integrity check: ${integrity}`);
	return { file: target, bytes: statSync(target).size, pages, integrity };
}
