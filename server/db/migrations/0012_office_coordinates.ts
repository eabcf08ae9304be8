import type { Kysely, Migration } from 'kysely';

/**
 * Issue 11 §5: offices and libraries get optional coordinates (WGS 84 degrees), so a library
 * kiosk can list the offices nearest to it. Null while an administrator has not entered them.
 */
export const m0012_office_coordinates: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema.alterTable('office').addColumn('lat', 'double precision').execute();
		await db.schema.alterTable('office').addColumn('lon', 'double precision').execute();
	}
};
