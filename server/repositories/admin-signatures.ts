/**
 * Back-office reads of signatures: the export (keyset pages in signing order, so memory stays
 * flat however many there are), the summary counts and billing. Only accepted signatures are
 * exported and counted; duplicates, rejected and revoked ones are not signatures of anyone.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface ExportCursor {
	signedAt: number;
	id: string;
}

export function acceptedSignaturesPage(db: Kysely<Database>, initiativeId: string, after: ExportCursor | null, limit: number) {
	let q = db
		.selectFrom('signature')
		.innerJoin('signing_window', 'signing_window.id', 'signature.window_id')
		.select([
			'signature.id',
			'signature.signed_at',
			'signature.channel',
			'signature.office_id',
			'signing_window.identity_box',
			'signing_window.identity_purged_at',
			'signing_window.citizenship',
			'signing_window.declared_municipality',
			'signing_window.property_municipalities'
		])
		.where('signature.initiative_id', '=', initiativeId)
		.where('signature.state', '=', 'accepted');
	if (after) {
		q = q.where((eb) =>
			eb.or([
				eb('signature.signed_at', '>', after.signedAt),
				eb.and([eb('signature.signed_at', '=', after.signedAt), eb('signature.id', '>', after.id)])
			])
		);
	}
	return q.orderBy('signature.signed_at').orderBy('signature.id').limit(limit).execute();
}

/** Only the signing times, for counts per day, in the same keyset order. */
export function signingTimesPage(db: Kysely<Database>, initiativeId: string, after: ExportCursor | null, limit: number) {
	let q = db
		.selectFrom('signature')
		.select(['signature.id', 'signature.signed_at'])
		.where('signature.initiative_id', '=', initiativeId)
		.where('signature.state', '=', 'accepted');
	if (after) {
		q = q.where((eb) =>
			eb.or([
				eb('signature.signed_at', '>', after.signedAt),
				eb.and([eb('signature.signed_at', '=', after.signedAt), eb('signature.id', '>', after.id)])
			])
		);
	}
	return q.orderBy('signature.signed_at').orderBy('signature.id').limit(limit).execute();
}

export function countAcceptedSignatures(db: Kysely<Database>, initiativeId: string) {
	return db
		.selectFrom('signature')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('initiative_id', '=', initiativeId)
		.where('state', '=', 'accepted')
		.executeTakeFirstOrThrow()
		.then((r) => Number(r.n));
}

export function acceptedByChannel(db: Kysely<Database>, initiativeId: string) {
	return db
		.selectFrom('signature')
		.select((eb) => ['channel', eb.fn.countAll<number>().as('n')])
		.where('initiative_id', '=', initiativeId)
		.where('state', '=', 'accepted')
		.groupBy('channel')
		.execute()
		.then((rows) => rows.map((r) => ({ channel: r.channel as string, n: Number(r.n) })));
}

export function acceptedByOffice(db: Kysely<Database>, initiativeId: string) {
	return db
		.selectFrom('signature')
		.select((eb) => ['office_id', eb.fn.countAll<number>().as('n')])
		.where('initiative_id', '=', initiativeId)
		.where('state', '=', 'accepted')
		.groupBy('office_id')
		.execute()
		.then((rows) => rows.map((r) => ({ officeId: r.office_id, n: Number(r.n) })));
}

/** By the signer's declared municipality, as the clerk attested it (null: not stated). */
export function acceptedByDeclaredMunicipality(db: Kysely<Database>, initiativeId: string) {
	return db
		.selectFrom('signature')
		.innerJoin('signing_window', 'signing_window.id', 'signature.window_id')
		.select((eb) => ['signing_window.declared_municipality', eb.fn.countAll<number>().as('n')])
		.where('signature.initiative_id', '=', initiativeId)
		.where('signature.state', '=', 'accepted')
		.groupBy('signing_window.declared_municipality')
		.execute()
		.then((rows) => rows.map((r) => ({ municipality: r.declared_municipality, n: Number(r.n) })));
}

/**
 * Per office, windows opened in [from, to) that the server accepted (assisted windows), and
 * how many of them have at least one accepted signature (visits). A visit counts once however
 * many initiatives were signed in it.
 */
export function windowsAndVisitsByOffice(db: Kysely<Database>, from: number, to: number) {
	return db
		.selectFrom('signing_window as w')
		.select((eb) => [
			'w.office_id',
			eb.fn.countAll<number>().as('windows'),
			eb.fn
				.sum<number>(
					eb
						.case()
						.when(
							eb.exists(
								eb
									.selectFrom('signature as s')
									.select(sql.lit(1).as('one'))
									.whereRef('s.window_id', '=', 'w.id')
									.where('s.state', '=', 'accepted')
							)
						)
						.then(1)
						.else(0)
						.end()
				)
				.as('visits')
		])
		.where('w.state', '=', 'accepted')
		.where('w.opened_at', '>=', from)
		.where('w.opened_at', '<', to)
		.groupBy('w.office_id')
		.execute()
		.then((rows) => rows.map((r) => ({ officeId: r.office_id, windows: Number(r.windows), visits: Number(r.visits ?? 0) })));
}
