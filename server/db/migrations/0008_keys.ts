import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';
import { rigaDateOf } from '../../../src/lib/domain/dates';
import { keptFacts, NEVER_OLD_ENOUGH } from '../../../src/lib/domain/eligibility';

/**
 * Keys out of the database (issue 10 §3, DESIGN §4 "Keys"):
 * - signing_window.birth_date (plaintext, beside the person key) is replaced by
 *   `old_enough_from`: the first day of the visit on which the signer is 16 (the visit's own
 *   day for anyone older; src/lib/domain/eligibility.ts `keptFacts`). Rows already stored are
 *   converted, then the column is dropped. The export reads the birth date from the sealed
 *   identity, as it always did.
 * - key_check: a keyed check value of the person-key secret (HMAC of a fixed text), so that
 *   a server configured with another secret refuses to start instead of silently making person
 *   keys that match nobody (server/keys/check.ts). It reveals nothing of a 256-bit secret.
 * - `server_secret` stays for now, only so that the server can move the keys an earlier
 *   version kept there out to the key file once and delete them (server/keys/legacy.ts).
 *
 * Dropping a column does not erase the old bytes (SQLite's free pages and log, PostgreSQL's
 * tuples keep a dropped column's values): when there were birth dates, the table is rewritten
 * here (SQLite: VACUUM and a log checkpoint, outside any transaction as Kysely runs SQLite
 * migrations; PostgreSQL: CLUSTER, allowed in the migration's transaction, which writes a new
 * table file without them).
 */
export const m0008_keys: Migration = {
	async up(db: Kysely<any>) {
		await db.schema
			.createTable('key_check')
			.addColumn('name', 'text', (c) => c.primaryKey())
			.addColumn('value', 'text', (c) => c.notNull())
			.addColumn('updated_at', 'bigint', (c) => c.notNull())
			.execute();
		await db.schema.alterTable('signing_window').addColumn('old_enough_from', 'text').execute();
		const rows = await db
			.selectFrom('signing_window')
			.select(['id', 'opened_at', 'length_ms', 'birth_date', 'citizenship'])
			.where('birth_date', 'is not', null)
			.execute();
		const byValue = new Map<string, string[]>();
		for (const r of rows) {
			const openedAt = Number(r.opened_at);
			let value = NEVER_OLD_ENOUGH;
			try {
				value = keptFacts(
					{ citizenship: r.citizenship ?? '', declaredMunicipality: null, birthDate: r.birth_date },
					rigaDateOf(openedAt),
					rigaDateOf(openedAt + Number(r.length_ms))
				).oldEnoughFrom;
			} catch {
				// A date that does not exist never passed the server's checks; keep it unable to sign.
			}
			const ids = byValue.get(value) ?? [];
			ids.push(r.id);
			byValue.set(value, ids);
		}
		for (const [value, ids] of byValue) {
			for (let i = 0; i < ids.length; i += 500) {
				await db
					.updateTable('signing_window')
					.set({ old_enough_from: value, birth_date: null })
					.where('id', 'in', ids.slice(i, i + 500))
					.execute();
			}
		}
		await db.schema.alterTable('signing_window').dropColumn('birth_date').execute();
		if (!rows.length) return;
		// The adapter says which database this is (Kysely's executor; no dialect is passed to migrations).
		if (db.getExecutor().adapter instanceof PostgresAdapter) {
			await sql`cluster signing_window using signing_window_pkey`.execute(db);
		} else {
			await sql`vacuum`.execute(db);
			await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
		}
	},
	async down(db: Kysely<any>) {
		await db.schema.dropTable('key_check').execute();
		// The birth dates are gone for good: the column comes back empty.
		await db.schema.alterTable('signing_window').addColumn('birth_date', 'text').execute();
		await db.schema.alterTable('signing_window').dropColumn('old_enough_from').execute();
	}
};
