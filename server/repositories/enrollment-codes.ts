import type { Insertable, Kysely } from 'kysely';
import type { Database, EnrollmentCodeTable } from '../db/schema';

export async function insertEnrollmentCode(db: Kysely<Database>, row: Insertable<EnrollmentCodeTable>) {
	await db.insertInto('enrollment_code').values(row).execute();
}

export function enrollmentCodeByHash(db: Kysely<Database>, codeHash: string) {
	return db.selectFrom('enrollment_code').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
}

/** Marks a code used, only if it still is unused and unexpired; true when this call won. */
export async function useEnrollmentCode(db: Kysely<Database>, codeHash: string, deviceId: string, now: number) {
	const r = await db
		.updateTable('enrollment_code')
		.set({ used_at: now, device_id: deviceId })
		.where('code_hash', '=', codeHash)
		.where('used_at', 'is', null)
		.where('expires_at', '>', now)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}
