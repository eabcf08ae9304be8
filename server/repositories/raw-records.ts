import type { Insertable, Kysely } from 'kysely';
import { insertRows } from '../db/bulk';
import type { Database, RawRecordTable } from '../db/schema';

/** Append-only: rows are inserted, never updated or deleted. */
export async function insertRawRecords(db: Kysely<Database>, rows: Insertable<RawRecordTable>[]) {
	await insertRows(db, 'raw_record', rows);
}

export function countRawRecords(db: Kysely<Database>, deviceId: string) {
	return db
		.selectFrom('raw_record')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('device_id', '=', deviceId)
		.executeTakeFirstOrThrow()
		.then((r) => Number(r.n));
}
