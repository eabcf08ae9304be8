import type { Insertable, Kysely } from 'kysely';
import type { Database, SessionTable } from '../db/schema';

export async function insertSession(db: Kysely<Database>, row: Insertable<SessionTable>) {
	await db.insertInto('session').values(row).execute();
}

/** A live session and its staff member, or undefined. */
export function liveSessionWithStaff(db: Kysely<Database>, id: string, now: number) {
	return db
		.selectFrom('session')
		.innerJoin('staff', 'staff.id', 'session.staff_id')
		.select([
			'session.id as session_id',
			'session.device_id',
			'session.expires_at',
			'staff.id as staff_id',
			'staff.username',
			'staff.display_name',
			'staff.role',
			'staff.office_id',
			'staff.active'
		])
		.where('session.id', '=', id)
		.where('session.revoked', '=', 0)
		.where('session.expires_at', '>', now)
		.executeTakeFirst();
}

export async function revokeSession(db: Kysely<Database>, id: string) {
	await db.updateTable('session').set({ revoked: 1 }).where('id', '=', id).execute();
}

export async function revokeSessionsOfStaff(db: Kysely<Database>, staffId: string) {
	await db.updateTable('session').set({ revoked: 1 }).where('staff_id', '=', staffId).where('revoked', '=', 0).execute();
}

export async function revokeSessionsOfDevice(db: Kysely<Database>, deviceId: string) {
	await db.updateTable('session').set({ revoked: 1 }).where('device_id', '=', deviceId).where('revoked', '=', 0).execute();
}

export async function deleteSessionsExpiredBefore(db: Kysely<Database>, before: number) {
	await db.deleteFrom('session').where('expires_at', '<', before).execute();
}
