import type { Insertable, Kysely, Selectable } from 'kysely';
import { insertRows } from '../db/bulk';
import type { Database, RecordResultTable } from '../db/schema';

export type RecordResultRow = Selectable<RecordResultTable>;

/** Stored results of one device for seq in [from, to], in seq order. */
export function resultsBetween(db: Kysely<Database>, deviceId: string, from: number, to: number) {
	return db
		.selectFrom('record_result')
		.selectAll()
		.where('device_id', '=', deviceId)
		.where('seq', '>=', from)
		.where('seq', '<=', to)
		.orderBy('seq')
		.execute();
}

export async function insertRecordResults(db: Kysely<Database>, rows: Insertable<RecordResultTable>[]) {
	await insertRows(db, 'record_result', rows);
}
