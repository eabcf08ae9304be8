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

/** Online counts of every public initiative; in-person counts join here once they exist. */
export function publicProgress(db: Kysely<Database>) {
	return db
		.selectFrom('initiative')
		.select(['id', 'online_count'])
		.where('status', '!=', 'draft')
		.execute();
}
