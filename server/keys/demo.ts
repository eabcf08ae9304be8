/**
 * "Running the demo" (issue 10 §6): one notion decides both whether demo data (with its
 * published logins) is loaded and whether the server may make its own keys.
 *
 * - DEMO_DATA=off: never.
 * - DEMO_DATA=on: yes, on whatever database (an explicit choice: tests, a training server).
 * - DEMO_DATA=auto (the default): only on the default embedded database, ./data/klatiene.db,
 *   when DATABASE_URL is not set, and only if this start makes that file (there is no key
 *   file yet and no database file), or the key file there says the demo made it (a later start
 *   of the same demo). A DATABASE_URL someone gave, an existing database with no demo key file,
 *   or a key file made for a deployment is never the demo.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config';
import { sqliteFileOf } from '../db/connect';
import type { KeyFile } from './key-file';

/** The SQLite file of the configuration, or null on PostgreSQL and in memory. */
export function sqliteFile(config: Config): string | null {
	if (!config.databaseUrl.startsWith('file:')) return null;
	const file = sqliteFileOf(config.databaseUrl);
	return file === ':memory:' ? null : file;
}

/**
 * The key file to read (and, for the demo or a move out of the database, to write): KEY_FILE;
 * otherwise, for the default database or the demo, `secrets.json` in the embedded database's
 * folder (./data/secrets.json), or ./data/secrets.json on PostgreSQL. Null: the environment only.
 */
export function keyFilePath(config: Config): string | null {
	if (config.keyFile) return resolve(config.keyFile);
	if (config.databaseUrlGiven && config.demoData !== 'on') return null;
	const file = sqliteFile(config);
	return file ? join(dirname(file), 'secrets.json') : resolve('data/secrets.json');
}

export interface DemoFacts {
	/** Whether the embedded database file was there before this start opened it. */
	databaseExisted: boolean;
	/** The key file found at start, if any. */
	keyFile: KeyFile | null;
}

export function runningTheDemo(config: Config, facts: DemoFacts): boolean {
	if (config.demoData === 'off') return false;
	if (config.demoData === 'on') return true;
	if (config.databaseUrlGiven || !sqliteFile(config)) return false;
	return facts.keyFile ? facts.keyFile.demo : !facts.databaseExisted;
}

/** Whether the embedded database file exists now (before it is opened): PostgreSQL always "exists". */
export function databaseExists(config: Config): boolean {
	const file = sqliteFile(config);
	return file === null || existsSync(file);
}
