import type { Insertable, Kysely } from 'kysely';
import { chunksFor } from '../db/chunks';
import type { Database, DayCloseTable } from '../db/schema';

export async function insertDayCloses(db: Kysely<Database>, rows: Insertable<DayCloseTable>[]) {
	for (const chunk of chunksFor(rows)) await db.insertInto('day_close').values(chunk).execute();
}
