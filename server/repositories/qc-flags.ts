import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import type { QcFlagTable, QcWatchTable } from '../db/schema-qc';

export type QcFlagRow = Selectable<QcFlagTable>;

export function flagList(db: Kysely<Database>, o: { resolved: boolean; limit: number }) {
	return db
		.selectFrom('qc_flag')
		.innerJoin('office', 'office.id', 'qc_flag.office_id')
		.leftJoin('staff as clerk', 'clerk.id', 'qc_flag.clerk_id')
		.leftJoin('staff as resolver', 'resolver.id', 'qc_flag.resolved_by')
		.select([
			'qc_flag.id',
			'qc_flag.level',
			'qc_flag.signal',
			'qc_flag.details',
			'qc_flag.window_id',
			'qc_flag.created_at',
			'qc_flag.resolved_at',
			'qc_flag.resolution_note',
			'office.name_lv',
			'office.name_en',
			'clerk.display_name as clerk_name',
			'resolver.display_name as resolver_name'
		])
		.where('qc_flag.resolved_at', o.resolved ? 'is not' : 'is', null)
		.orderBy('qc_flag.created_at', 'desc')
		.orderBy('qc_flag.id')
		.limit(o.limit)
		.execute();
}

export async function resolveFlag(trx: Kysely<Database>, id: string, staffId: string, note: string, now: number): Promise<boolean> {
	const r = await trx
		.updateTable('qc_flag')
		.set({ resolved_at: now, resolved_by: staffId, resolution_note: note })
		.where('id', '=', id)
		.where('resolved_at', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export function flagById(db: Kysely<Database>, id: string) {
	return db.selectFrom('qc_flag').selectAll().where('id', '=', id).executeTakeFirst();
}

export function flagsOfWindow(db: Kysely<Database>, windowId: string) {
	return db.selectFrom('qc_flag').selectAll().where('window_id', '=', windowId).orderBy('created_at').execute();
}

export function openFlagCountsBySignal(db: Kysely<Database>) {
	return db
		.selectFrom('qc_flag')
		.select((eb) => ['signal', eb.fn.countAll<number>().as('n')])
		.where('resolved_at', 'is', null)
		.groupBy('signal')
		.execute()
		.then((rows) => rows.map((r) => ({ signal: r.signal, n: Number(r.n) })));
}

export async function insertWatch(db: Kysely<Database>, row: Insertable<QcWatchTable>) {
	await db.insertInto('qc_watch').values(row).execute();
}

/** Watches in force at `now` for any of these clerks and offices. */
export function activeWatches(db: Kysely<Database>, subjectIds: readonly string[], now: number) {
	if (subjectIds.length === 0) return Promise.resolve([] as Selectable<QcWatchTable>[]);
	return db
		.selectFrom('qc_watch')
		.selectAll()
		.where('subject_id', 'in', subjectIds)
		.where('from_at', '<=', now)
		.where('until_at', '>', now)
		.execute();
}

export function allActiveWatches(db: Kysely<Database>, now: number) {
	return db.selectFrom('qc_watch').selectAll().where('from_at', '<=', now).where('until_at', '>', now).execute();
}
