import type { Insertable, Kysely, Selectable } from 'kysely';
import { chunksFor, idChunks } from '../db/chunks';
import type { Database } from '../db/schema';
import type { QcVisitTable } from '../db/schema-qc';

export type QcVisitRow = Selectable<QcVisitTable>;

/**
 * Locks the frame for one refresh (the row lock on PostgreSQL, the write lock on SQLite) and
 * returns the scan position: the newest signature `received_at` already scanned.
 */
export async function lockFrame(trx: Kysely<Database>): Promise<number> {
	const row = await trx
		.updateTable('qc_state')
		.set((eb) => ({ value: eb.ref('value') }))
		.where('id', '=', 'frame')
		.returning('value')
		.executeTakeFirstOrThrow();
	return Number(row.value);
}

export async function setFramePosition(trx: Kysely<Database>, value: number) {
	await trx.updateTable('qc_state').set({ value }).where('id', '=', 'frame').execute();
}

/** Windows with an accepted signature received since `from` that are not in the frame yet. */
export function visitsNotInFrame(db: Kysely<Database>, from: number) {
	return db
		.selectFrom('signature')
		.select((eb) => ['signature.window_id', eb.fn.max('signature.received_at').as('received_at')])
		.where('signature.state', '=', 'accepted')
		.where('signature.received_at', '>=', from)
		.where(({ not, exists, selectFrom }) =>
			not(exists(selectFrom('qc_visit').select('qc_visit.window_id').whereRef('qc_visit.window_id', '=', 'signature.window_id')))
		)
		.groupBy('signature.window_id')
		.orderBy('received_at')
		.execute()
		.then((rows) => rows.map((r) => ({ windowId: r.window_id, receivedAt: Number(r.received_at) })));
}

export async function insertVisits(db: Kysely<Database>, rows: Insertable<QcVisitTable>[]) {
	for (const chunk of chunksFor(rows)) {
		await db
			.insertInto('qc_visit')
			.values(chunk)
			.onConflict((oc) => oc.column('window_id').doNothing())
			.execute();
	}
}

export async function visitsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<QcVisitRow[]> {
	const out: QcVisitRow[] = [];
	for (const chunk of idChunks(ids)) out.push(...(await db.selectFrom('qc_visit').selectAll().where('window_id', 'in', chunk).execute()));
	return out;
}

export function visitByWindow(db: Kysely<Database>, windowId: string) {
	return db.selectFrom('qc_visit').selectAll().where('window_id', '=', windowId).executeTakeFirst();
}

export async function setVisitSelection(db: Kysely<Database>, windowId: string, ratePpm: number, reason: string | null) {
	await db
		.updateTable('qc_visit')
		.set(reason ? { selected: 1, selection_reason: reason, rate_ppm: ratePpm } : { rate_ppm: ratePpm })
		.where('window_id', '=', windowId)
		.where('selected', '=', 0)
		.execute();
}

/** Visits per day of one office or clerk between two Riga dates (inclusive). */
export function dailyCounts(db: Kysely<Database>, by: 'office_id' | 'clerk_id', id: string, fromDay: string, toDay: string) {
	return db
		.selectFrom('qc_visit')
		.select((eb) => ['day', eb.fn.countAll<number>().as('n')])
		.where(by, '=', id)
		.where('day', '>=', fromDay)
		.where('day', '<=', toDay)
		.groupBy('day')
		.execute()
		.then((rows) => new Map(rows.map((r) => [r.day, Number(r.n)])));
}

/** Clerk-months of ended months with callable visits but no selected callable one. */
export function uncoveredClerkMonths(db: Kysely<Database>, fromMonth: string, beforeMonth: string) {
	return db
		.selectFrom('qc_visit')
		.select(['clerk_id', 'month'])
		.where('month', '>=', fromMonth)
		.where('month', '<', beforeMonth)
		.where('callable', '=', 1)
		.groupBy(['clerk_id', 'month'])
		.having((eb) => eb.fn.max('selected'), '=', 0)
		.execute();
}

export function callableVisitsOf(db: Kysely<Database>, clerkId: string, month: string) {
	return db
		.selectFrom('qc_visit')
		.select(['window_id', 'office_id', 'clerk_id', 'month', 'score', 'callable', 'selected', 'rate_ppm', 'flagged'])
		.where('clerk_id', '=', clerkId)
		.where('month', '=', month)
		.where('callable', '=', 1)
		// Only visits whose phone number is still kept can be called.
		.where(({ exists, selectFrom }) =>
			exists(selectFrom('qc_contact').select('qc_contact.id').whereRef('qc_contact.window_id', '=', 'qc_visit.window_id'))
		)
		.execute();
}

/** Callable visits of a clerk or office opened since `since` that have no call at all yet. */
export function callableVisitsWithoutCall(db: Kysely<Database>, by: 'office_id' | 'clerk_id', id: string, since: number) {
	return db
		.selectFrom('qc_visit')
		.select(['window_id', 'office_id', 'clerk_id', 'selected', 'flagged'])
		.where(by, '=', id)
		.where('opened_at', '>=', since)
		.where('callable', '=', 1)
		.where(({ not, exists, selectFrom }) =>
			not(exists(selectFrom('qc_call').select('qc_call.id').whereRef('qc_call.window_id', '=', 'qc_visit.window_id')))
		)
		.execute();
}
