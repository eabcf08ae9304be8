import { sql, type Insertable, type Kysely } from 'kysely';
import { chunksFor } from '../db/chunks';
import type { Database, SignatureTable } from '../db/schema';

/**
 * Inserts signatures as accepted unless the person already has an accepted signature on that
 * initiative (the partial unique index decides, atomically, on both databases and across
 * instances). Returns the ids that went in; the others are duplicates. Rows are taken in
 * order, so within one batch the first signature wins too.
 */
export async function insertAcceptedUnlessDuplicate(
	db: Kysely<Database>,
	rows: Insertable<SignatureTable>[]
): Promise<Set<string>> {
	const inserted = new Set<string>();
	for (const chunk of chunksFor(rows)) {
		const back = await db
			.insertInto('signature')
			.values(chunk.map((r) => ({ ...r, state: 'accepted' as const, reason: 'accepted' })))
			.onConflict((oc) =>
				oc.columns(['initiative_id', 'person_key']).where('state', '=', sql.lit('accepted')).doNothing()
			)
			.returning('id')
			.execute();
		for (const r of back) inserted.add(r.id);
	}
	return inserted;
}

export async function insertSignatures(db: Kysely<Database>, rows: Insertable<SignatureTable>[]) {
	for (const chunk of chunksFor(rows)) await db.insertInto('signature').values(chunk).execute();
}

/** What a receipt shows: each signature of a window, with its initiative's title. */
export function signaturesOfWindow(db: Kysely<Database>, windowId: string) {
	return db
		.selectFrom('signature')
		.innerJoin('initiative', 'initiative.id', 'signature.initiative_id')
		.select([
			'signature.initiative_id',
			'signature.state',
			'signature.seq',
			'initiative.slug',
			'initiative.title_lv',
			'initiative.title_en'
		])
		.where('signature.window_id', '=', windowId)
		.orderBy('signature.seq')
		.execute();
}

export function countSignatures(db: Kysely<Database>, state?: SignatureTable['state']) {
	let q = db.selectFrom('signature').select((eb) => eb.fn.countAll<number>().as('n'));
	if (state) q = q.where('state', '=', state);
	return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
}
