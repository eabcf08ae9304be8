/** Back-office reads and writes of staff and devices. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export function staffForAdmin(db: Kysely<Database>) {
	return db
		.selectFrom('staff')
		.leftJoin('office', 'office.id', 'staff.office_id')
		.select([
			'staff.id',
			'staff.username',
			'staff.display_name',
			'staff.role',
			'staff.office_id',
			'staff.active',
			'staff.created_at',
			'staff.deactivated_at',
			'office.name_lv as office_name_lv',
			'office.name_en as office_name_en'
		])
		.execute();
}

export async function setPasswordHash(trx: Kysely<Database>, staffId: string, hash: string) {
	const r = await trx.updateTable('staff').set({ password_hash: hash }).where('id', '=', staffId).executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export function devicesForAdmin(db: Kysely<Database>) {
	return db
		.selectFrom('device')
		.innerJoin('office', 'office.id', 'device.office_id')
		.select([
			'device.id',
			'device.kind',
			'device.status',
			'device.enrolled_at',
			'device.revoked_at',
			'device.last_seq',
			'device.last_sync_at',
			'device.clock_offset_ms',
			'device.flagged',
			'device.flag_reason',
			'office.id as office_id',
			'office.slug as office_slug',
			'office.name_lv as office_name_lv',
			'office.name_en as office_name_en'
		])
		.orderBy('device.enrolled_at', 'desc')
		.execute();
}

/** Codes not used and not expired: what is still out there (the codes themselves are not kept). */
export function pendingEnrollmentCodes(db: Kysely<Database>, now: number) {
	return db
		.selectFrom('enrollment_code')
		.innerJoin('office', 'office.id', 'enrollment_code.office_id')
		.select([
			'enrollment_code.code_hash',
			'enrollment_code.kind',
			'enrollment_code.created_at',
			'enrollment_code.expires_at',
			'office.name_lv as office_name_lv',
			'office.name_en as office_name_en'
		])
		.where('enrollment_code.used_at', 'is', null)
		.where('enrollment_code.expires_at', '>', now)
		.orderBy('enrollment_code.created_at', 'desc')
		.execute();
}
