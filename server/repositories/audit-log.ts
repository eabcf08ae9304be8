import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema';

/** Takes the next seq and the hash to link to; the row lock holds other appenders until commit. */
export async function claimAuditHead(trx: Kysely<Database>) {
	return trx
		.updateTable('audit_head')
		.set((eb) => ({ seq: eb('seq', '+', 1) }))
		.where('id', '=', 'audit')
		.returning(['seq', 'hash'])
		.executeTakeFirstOrThrow();
}

export async function setAuditHeadHash(trx: Kysely<Database>, hash: string) {
	await trx.updateTable('audit_head').set({ hash }).where('id', '=', 'audit').execute();
}

export async function insertAuditEntry(trx: Kysely<Database>, row: Insertable<AuditLogTable>) {
	await trx.insertInto('audit_log').values(row).execute();
}

export function auditEntriesFrom(db: Kysely<Database>, afterSeq: number, limit: number) {
	return db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}

export function auditHead(db: Kysely<Database>) {
	return db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 'audit').executeTakeFirstOrThrow();
}

export interface AuditFilter {
	action?: string;
	actorId?: string;
	subjectId?: string;
	from?: number;
	to?: number;
}

export function findAuditEntries(db: Kysely<Database>, filter: AuditFilter, limit = 200, beforeSeq?: number) {
	let q = db.selectFrom('audit_log').selectAll();
	if (filter.action) q = q.where('action', 'like', `${filter.action}%`);
	if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
	if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
	if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
	if (filter.to !== undefined) q = q.where('at', '<', filter.to);
	if (beforeSeq !== undefined) q = q.where('seq', '<', beforeSeq);
	return q.orderBy('seq', 'desc').limit(limit).execute();
}
