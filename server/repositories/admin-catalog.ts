/** Back-office reads and writes of initiatives and offices (the catalog's other half is catalog.ts). */
import type { Kysely, Updateable } from 'kysely';
import type { Database, InitiativeTable, OfficeTable } from '../db/schema';

/** Every initiative with its accepted in-person count, newest first. */
export function initiativesForAdmin(db: Kysely<Database>) {
	return db
		.selectFrom('initiative')
		.select((eb) => [
			'initiative.id',
			'initiative.slug',
			'initiative.title_lv',
			'initiative.title_en',
			'initiative.status',
			'initiative.scope',
			'initiative.municipality',
			'initiative.opens_at',
			'initiative.closes_at',
			'initiative.goal',
			'initiative.online_count',
			'initiative.submitted_at',
			'initiative.identities_purged_at',
			eb
				.selectFrom('signature')
				.select((s) => s.fn.countAll<number>().as('n'))
				.whereRef('signature.initiative_id', '=', 'initiative.id')
				.where('signature.state', '=', 'accepted')
				.as('in_person')
		])
		.orderBy('initiative.created_at', 'desc')
		.execute()
		.then((rows) => rows.map((r) => ({ ...r, in_person: Number(r.in_person ?? 0) })));
}

export async function updateInitiativeRow(trx: Kysely<Database>, id: string, values: Updateable<InitiativeTable>) {
	await trx.updateTable('initiative').set(values).where('id', '=', id).execute();
}

export function initiativesBySlugs(db: Kysely<Database>, slugs: readonly string[]) {
	if (!slugs.length) return Promise.resolve([]);
	return db.selectFrom('initiative').selectAll().where('slug', 'in', slugs).execute();
}

export function officesForAdmin(db: Kysely<Database>) {
	return db.selectFrom('office').selectAll().execute();
}

export function officesBySlugs(db: Kysely<Database>, slugs: readonly string[]) {
	if (!slugs.length) return Promise.resolve([]);
	return db.selectFrom('office').selectAll().where('slug', 'in', slugs).execute();
}

export async function updateOfficeRow(trx: Kysely<Database>, id: string, values: Updateable<OfficeTable>) {
	await trx.updateTable('office').set(values).where('id', '=', id).execute();
}
