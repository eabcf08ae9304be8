import type { Insertable, Kysely, Selectable } from 'kysely';
import { insertRows } from '../db/bulk';
import { idChunks } from '../db/chunks';
import type { Database, SigningWindowTable } from '../db/schema';

export type SigningWindowRow = Selectable<SigningWindowTable>;

/** The fields the sync rules need, for windows of one device. */
export async function windowsOfDevice(db: Kysely<Database>, deviceId: string, ids: readonly string[]) {
	const out = [];
	for (const chunk of idChunks(ids)) {
		out.push(
			...(await db
				.selectFrom('signing_window')
				.select([
					'id',
					'device_id',
					'opened_at',
					'length_ms',
					'closed_at',
					'person_key',
					'citizenship',
					'declared_municipality',
					'property_municipalities',
					'old_enough_from',
					'office_id',
					'state',
					'reason'
				])
				.where('device_id', '=', deviceId)
				.where('id', 'in', chunk)
				.execute())
		);
	}
	return out;
}

/** Which of these window ids exist at all, on any device. */
export async function existingWindowIds(db: Kysely<Database>, ids: readonly string[]) {
	const out = new Set<string>();
	for (const chunk of idChunks(ids)) {
		const rows = await db.selectFrom('signing_window').select('id').where('id', 'in', chunk).execute();
		for (const r of rows) out.add(r.id);
	}
	return out;
}

export async function insertWindows(db: Kysely<Database>, rows: Insertable<SigningWindowTable>[]) {
	await insertRows(db, 'signing_window', rows);
}

export async function closeWindow(db: Kysely<Database>, id: string, closedAt: number, reason: string) {
	await db
		.updateTable('signing_window')
		.set({ closed_at: closedAt, close_reason: reason })
		.where('id', '=', id)
		.where('closed_at', 'is', null)
		.execute();
}

export function windowByReceiptHash(db: Kysely<Database>, receiptHash: string) {
	return db
		.selectFrom('signing_window')
		.innerJoin('office', 'office.id', 'signing_window.office_id')
		.select([
			'signing_window.id',
			'signing_window.opened_at',
			'office.name_lv',
			'office.name_en'
		])
		.where('signing_window.receipt_hash', '=', receiptHash)
		.orderBy('signing_window.opened_at')
		.executeTakeFirst();
}
