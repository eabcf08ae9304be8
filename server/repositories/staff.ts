import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, StaffTable } from '../db/schema';

export type StaffRow = Selectable<StaffTable>;

export function staffByUsername(db: Kysely<Database>, username: string) {
	return db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
}

export function staffById(db: Kysely<Database>, id: string) {
	return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export function staffByIds(db: Kysely<Database>, ids: readonly string[]) {
	if (ids.length === 0) return Promise.resolve([] as StaffRow[]);
	return db.selectFrom('staff').selectAll().where('id', 'in', ids).execute();
}

export async function insertStaff(db: Kysely<Database>, row: Insertable<StaffTable>) {
	await db.insertInto('staff').values(row).execute();
}

export function countStaff(db: Kysely<Database>) {
	return db
		.selectFrom('staff')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow()
		.then((r) => Number(r.n));
}

export async function markStaffInactive(db: Kysely<Database>, id: string, now: number) {
	const r = await db
		.updateTable('staff')
		.set({ active: 0, deactivated_at: now })
		.where('id', '=', id)
		.where('active', '=', 1)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function setStaffOffice(db: Kysely<Database>, id: string, officeId: string | null) {
	await db.updateTable('staff').set({ office_id: officeId }).where('id', '=', id).execute();
}

/** Active staff with these usernames and their password hashes (the demo-login check). */
export function activeStaffByUsernames(db: Kysely<Database>, usernames: readonly string[]) {
	if (usernames.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('staff')
		.select(['username', 'password_hash'])
		.where('username', 'in', [...usernames])
		.where('active', '=', 1)
		.execute();
}
