import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, InitiativeTable } from '../db/schema';

export type InitiativeRow = Selectable<InitiativeTable>;

export function changedInitiatives(db: Kysely<Database>, since: number, upTo: number) {
	return db
		.selectFrom('initiative')
		.selectAll()
		.where('version', '>', since)
		.where('version', '<=', upTo)
		.orderBy('version')
		.execute();
}

export function initiativeBySlug(db: Kysely<Database>, slug: string) {
	return db.selectFrom('initiative').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function initiativeById(db: Kysely<Database>, id: string) {
	return db.selectFrom('initiative').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertInitiative(db: Kysely<Database>, row: Insertable<InitiativeTable>) {
	await db.insertInto('initiative').values(row).execute();
}

export function countInitiatives(db: Kysely<Database>) {
	return db
		.selectFrom('initiative')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow()
		.then((r) => Number(r.n));
}

/**
 * Counts of every public initiative: the imported online count and the accepted in-person
 * signatures (counted through the partial unique index over accepted signatures).
 */
export function publicProgress(db: Kysely<Database>) {
	return db
		.selectFrom('initiative')
		.select((eb) => [
			'initiative.id',
			'initiative.online_count',
			eb
				.selectFrom('signature')
				.select((s) => s.fn.countAll<number>().as('n'))
				.whereRef('signature.initiative_id', '=', 'initiative.id')
				.where('signature.state', '=', 'accepted')
				.where('signature.channel', '=', 'in_person')
				.as('in_person_count')
		])
		.where('initiative.status', '!=', 'draft')
		.execute()
		.then((rows) => rows.map((r) => ({ id: r.id, online_count: r.online_count, in_person_count: Number(r.in_person_count ?? 0) })));
}

/** The fields the sync rules need, for the initiatives a batch refers to. */
export function initiativesByIds(db: Kysely<Database>, ids: readonly string[]) {
	if (ids.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('initiative')
		.select(['id', 'status', 'opens_at', 'closes_at', 'eligibility', 'municipality'])
		.where('id', 'in', ids)
		.execute();
}
