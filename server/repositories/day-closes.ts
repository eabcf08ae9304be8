import type { Insertable, Kysely } from 'kysely';
import { insertRows } from '../db/bulk';
import type { Database, DayCloseTable } from '../db/schema';

export async function insertDayCloses(db: Kysely<Database>, rows: Insertable<DayCloseTable>[]) {
	await insertRows(db, 'day_close', rows);
}
