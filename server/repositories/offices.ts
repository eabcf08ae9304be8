import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, OfficeTable } from '../db/schema';

export type OfficeRow = Selectable<OfficeTable>;

export function changedOffices(db: Kysely<Database>, since: number, upTo: number) {
	return db
		.selectFrom('office')
		.selectAll()
		.where('version', '>', since)
		.where('version', '<=', upTo)
		.orderBy('version')
		.execute();
}

export function officeBySlug(db: Kysely<Database>, slug: string) {
	return db.selectFrom('office').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function insertOffice(db: Kysely<Database>, row: Insertable<OfficeTable>) {
	await db.insertInto('office').values(row).execute();
}

export function officeById(db: Kysely<Database>, id: string) {
	return db.selectFrom('office').selectAll().where('id', '=', id).executeTakeFirst();
}
