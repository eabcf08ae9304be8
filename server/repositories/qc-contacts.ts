import type { Insertable, Kysely } from 'kysely';
import { insertRows } from '../db/bulk';
import type { Database, QcContactTable } from '../db/schema';

export async function insertQcContacts(db: Kysely<Database>, rows: Insertable<QcContactTable>[]) {
	await insertRows(db, 'qc_contact', rows);
}

/** Deletes phone numbers whose visit's quality-control period has ended. */
export async function deleteQcContactsDue(db: Kysely<Database>, now: number) {
	const r = await db.deleteFrom('qc_contact').where('delete_after', '<=', now).executeTakeFirst();
	return Number(r.numDeletedRows);
}
