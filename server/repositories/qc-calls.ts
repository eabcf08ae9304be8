import type { Insertable, Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema';
import type { QcAttemptTable, QcCallTable, QcReportTable } from '../db/schema-qc';

export type QcCallRow = Selectable<QcCallTable>;

/** Inserts a call unless its visit already has an open one; true when it went in. */
export async function insertCallIfNoneOpen(db: Kysely<Database>, row: Insertable<QcCallTable>): Promise<boolean> {
	const back = await db
		.insertInto('qc_call')
		.values(row)
		.onConflict((oc) => oc.column('window_id').where('status', '=', sql.lit('open')).doNothing())
		.returning('id')
		.execute();
	return back.length === 1;
}

export function callById(db: Kysely<Database>, id: string) {
	return db.selectFrom('qc_call').selectAll().where('id', '=', id).executeTakeFirst();
}

export function openCallOfWindow(db: Kysely<Database>, windowId: string) {
	return db.selectFrom('qc_call').selectAll().where('window_id', '=', windowId).where('status', '=', 'open').executeTakeFirst();
}

/** A live claim this auditor holds, if any. */
export function liveClaimOf(db: Kysely<Database>, staffId: string, now: number) {
	return db
		.selectFrom('qc_call')
		.select('id')
		.where('status', '=', 'open')
		.where('claimed_by', '=', staffId)
		.where('claimed_until', '>', now)
		.orderBy('claimed_until', 'desc')
		.executeTakeFirst();
}

/** The head of the queue: open calls nobody holds, due now, reports first. */
export function claimableCalls(db: Kysely<Database>, now: number, limit: number) {
	return db
		.selectFrom('qc_call')
		.select('id')
		.where('status', '=', 'open')
		.where('next_attempt_after', '<=', now)
		.where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
		.orderBy('priority')
		.orderBy('created_at')
		.orderBy('id')
		.limit(limit)
		.execute()
		.then((rows) => rows.map((r) => r.id));
}

/**
 * Claims one call with a lease, atomically: the update matches only while nobody else holds a
 * live claim, so of two auditors racing for the same call exactly one gets a row. On
 * PostgreSQL the second update waits for the first one's row lock and then re-checks the
 * condition against the committed row; on SQLite writers take turns.
 */
export async function tryClaim(db: Kysely<Database>, id: string, staffId: string, now: number, until: number): Promise<boolean> {
	const r = await db
		.updateTable('qc_call')
		.set({ claimed_by: staffId, claimed_until: until })
		.where('id', '=', id)
		.where('status', '=', 'open')
		.where('next_attempt_after', '<=', now)
		.where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now), eb('claimed_by', '=', staffId)]))
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function releaseClaim(db: Kysely<Database>, id: string, staffId: string): Promise<boolean> {
	const r = await db
		.updateTable('qc_call')
		.set({ claimed_by: null, claimed_until: null })
		.where('id', '=', id)
		.where('claimed_by', '=', staffId)
		.where('status', '=', 'open')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** Locks a call the auditor holds a live claim on (for recording an outcome); undefined if not. */
export function lockHeldCall(trx: Kysely<Database>, id: string, staffId: string, now: number) {
	return trx
		.updateTable('qc_call')
		.set((eb) => ({ attempts: eb.ref('attempts') }))
		.where('id', '=', id)
		.where('status', '=', 'open')
		.where('claimed_by', '=', staffId)
		.where('claimed_until', '>', now)
		.returningAll()
		.executeTakeFirst();
}

export async function updateCall(trx: Kysely<Database>, id: string, values: Partial<Insertable<QcCallTable>>) {
	await trx.updateTable('qc_call').set(values).where('id', '=', id).execute();
}

export async function insertAttempt(trx: Kysely<Database>, row: Insertable<QcAttemptTable>) {
	await trx.insertInto('qc_attempt').values(row).execute();
}

export function attemptsOfCall(db: Kysely<Database>, callId: string) {
	return db
		.selectFrom('qc_attempt')
		.leftJoin('staff', 'staff.id', 'qc_attempt.staff_id')
		.select(['qc_attempt.id', 'qc_attempt.at', 'qc_attempt.result', 'qc_attempt.note', 'staff.display_name'])
		.where('qc_attempt.call_id', '=', callId)
		.orderBy('qc_attempt.at')
		.execute();
}

export async function insertReport(trx: Kysely<Database>, row: Insertable<QcReportTable>) {
	await trx.insertInto('qc_report').values(row).execute();
}

export function reportsOfWindow(db: Kysely<Database>, windowId: string) {
	return db.selectFrom('qc_report').selectAll().where('window_id', '=', windowId).orderBy('created_at').execute();
}

/** The call list: open calls in queue order, with the office, the visit date and who holds each. */
export function openCallList(db: Kysely<Database>, limit: number) {
	return db
		.selectFrom('qc_call')
		.innerJoin('signing_window', 'signing_window.id', 'qc_call.window_id')
		.innerJoin('office', 'office.id', 'qc_call.office_id')
		.leftJoin('staff as holder', 'holder.id', 'qc_call.claimed_by')
		.select((eb) => [
			'qc_call.id',
			'qc_call.source',
			'qc_call.priority',
			'qc_call.callable',
			'qc_call.attempts',
			'qc_call.next_attempt_after',
			'qc_call.claimed_by',
			'qc_call.claimed_until',
			'qc_call.created_at',
			'signing_window.opened_at',
			'office.name_lv',
			'office.name_en',
			'holder.display_name as holder_name',
			eb
				.selectFrom('qc_report')
				.select((r) => r.fn.countAll<number>().as('n'))
				.whereRef('qc_report.call_id', '=', 'qc_call.id')
				.as('reports')
		])
		.where('qc_call.status', '=', 'open')
		.orderBy('qc_call.priority')
		.orderBy('qc_call.created_at')
		.orderBy('qc_call.id')
		.limit(limit)
		.execute();
}

/** Recently completed calls, newest first. */
export function recentCompletedCalls(db: Kysely<Database>, limit: number) {
	return db
		.selectFrom('qc_call')
		.innerJoin('office', 'office.id', 'qc_call.office_id')
		.leftJoin('staff as auditor', 'auditor.id', 'qc_call.completed_by')
		.select([
			'qc_call.id',
			'qc_call.source',
			'qc_call.outcome',
			'qc_call.status',
			'qc_call.completed_at',
			'qc_call.revoked_signatures',
			'office.name_lv',
			'office.name_en',
			'auditor.display_name as auditor_name'
		])
		.where('qc_call.status', '!=', 'open')
		.orderBy('qc_call.completed_at', 'desc')
		.limit(limit)
		.execute();
}

/** Denied and completed (confirmed + denied) calls per clerk or office since `since`. */
export async function outcomeCounts(db: Kysely<Database>, by: 'office_id' | 'clerk_id', since: number, id?: string) {
	let q = db
		.selectFrom('qc_call')
		.select((eb) => [eb.ref(by).as('subject'), 'outcome', eb.fn.countAll<number>().as('n')])
		.where('status', '=', 'done')
		.where('outcome', 'in', ['confirmed', 'denied'])
		.where('completed_at', '>=', since)
		.groupBy([by, 'outcome']);
	if (id) q = q.where(by, '=', id);
	const out = new Map<string, { id: string; denied: number; completed: number }>();
	for (const r of await q.execute()) {
		const subject = String(r.subject);
		const c = out.get(subject) ?? { id: subject, denied: 0, completed: 0 };
		c.completed += Number(r.n);
		if (r.outcome === 'denied') c.denied += Number(r.n);
		out.set(subject, c);
	}
	return [...out.values()];
}

/** Open calls whose visit's phone number is gone: nobody can make them any more. */
export async function expireUncallableCalls(db: Kysely<Database>, now: number): Promise<number> {
	const r = await db
		.updateTable('qc_call')
		.set({ status: 'expired', completed_at: now, claimed_by: null, claimed_until: null })
		.where('status', '=', 'open')
		.where('source', '!=', 'report')
		.where(({ not, exists, selectFrom }) =>
			not(exists(selectFrom('qc_contact').select('qc_contact.id').whereRef('qc_contact.window_id', '=', 'qc_call.window_id')))
		)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

/** The latest report of a visit and whether its case is still open (the receipt page shows it). */
export function latestReportOfWindow(db: Kysely<Database>, windowId: string) {
	return db
		.selectFrom('qc_report')
		.innerJoin('qc_call', 'qc_call.id', 'qc_report.call_id')
		.select(['qc_report.created_at', 'qc_call.status'])
		.where('qc_report.window_id', '=', windowId)
		.orderBy('qc_report.created_at', 'desc')
		.executeTakeFirst();
}
