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
 * Updates the device at the start of a push transaction and returns the row as it now is.
 * Being a write, it takes the row lock on PostgreSQL (and the write lock on SQLite), so two
 * pushes from one device are applied one after the other, never interleaved.
 */
export function touchDeviceForPush(
	trx: Kysely<Database>,
	id: string,
	values: Pick<Updateable<DeviceTable>, 'last_sync_at' | 'clock_offset_ms'>
) {
	return trx.updateTable('device').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function updateDevice(trx: Kysely<Database>, id: string, values: Updateable<DeviceTable>) {
	if (Object.keys(values).length === 0) return;
	await trx.updateTable('device').set(values).where('id', '=', id).execute();
}
