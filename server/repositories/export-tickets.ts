import type { Insertable, Kysely } from 'kysely';
import type { Database, ExportTicketTable } from '../db/schema';

export async function insertExportTicket(db: Kysely<Database>, row: Insertable<ExportTicketTable>) {
	await db.insertInto('export_ticket').values(row).execute();
}

/**
 * Uses a ticket once: only the administrator who made it, before it expires. Returns the
 * ticket when this call used it, undefined otherwise (unknown, someone else's, used, expired).
 */
export async function useExportTicket(trx: Kysely<Database>, id: string, staffId: string, now: number) {
	const r = await trx
		.updateTable('export_ticket')
		.set({ used_at: now })
		.where('id', '=', id)
		.where('staff_id', '=', staffId)
		.where('used_at', 'is', null)
		.where('expires_at', '>', now)
		.executeTakeFirst();
	if (Number(r.numUpdatedRows) !== 1) return undefined;
	return trx.selectFrom('export_ticket').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteExportTicketsBefore(db: Kysely<Database>, before: number) {
	await db.deleteFrom('export_ticket').where('expires_at', '<', before).execute();
}
