import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, DeviceTable } from '../db/schema';

export type DeviceRow = Selectable<DeviceTable>;

export function deviceById(db: Kysely<Database>, id: string) {
	return db.selectFrom('device').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDevice(db: Kysely<Database>, row: Insertable<DeviceTable>) {
	await db.insertInto('device').values(row).execute();
}

export async function markDeviceRevoked(db: Kysely<Database>, id: string, now: number) {
	const r = await db
		.updateTable('device')
		.set({ status: 'revoked', revoked_at: now })
		.where('id', '=', id)
		.where('status', '=', 'active')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/**
 * Locks the device at the start of a push transaction and returns the row as it is. The update
 * changes nothing (it sets last_seq to itself) but is a write, so it takes the row lock on
 * PostgreSQL (and the write lock on SQLite): two pushes from one device are applied one after
 * the other, never interleaved.
 */
export function lockDeviceForPush(trx: Kysely<Database>, id: string) {
	return trx
		.updateTable('device')
		.set((eb) => ({ last_seq: eb.ref('last_seq') }))
		.where('id', '=', id)
		.returningAll()
		.executeTakeFirst();
}

export async function updateDevice(trx: Kysely<Database>, id: string, values: Updateable<DeviceTable>) {
	if (Object.keys(values).length === 0) return;
	await trx.updateTable('device').set(values).where('id', '=', id).execute();
}
