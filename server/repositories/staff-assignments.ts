import type { Insertable, Kysely } from 'kysely';
import type { Database, StaffAssignmentTable } from '../db/schema';

export async function insertAssignment(db: Kysely<Database>, row: Insertable<StaffAssignmentTable>) {
	await db.insertInto('staff_assignment').values(row).execute();
}

/** Ends every assignment of a staff member that is still open. */
export async function endOpenAssignments(db: Kysely<Database>, staffId: string, at: number) {
	await db
		.updateTable('staff_assignment')
		.set({ active_until: at })
		.where('staff_id', '=', staffId)
		.where('active_until', 'is', null)
		.execute();
}

/** Every assignment, past or present, of these staff members to one office. */
export function assignmentsAtOffice(db: Kysely<Database>, staffIds: readonly string[], officeId: string) {
	if (staffIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('staff_assignment')
		.select(['staff_id', 'active_from', 'active_until'])
		.where('staff_id', 'in', staffIds)
		.where('office_id', '=', officeId)
		.execute();
}
