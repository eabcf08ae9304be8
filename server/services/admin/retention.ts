/**
 * Retention (DESIGN §7): the identities of the signers of an initiative submitted more than
 * RETENTION_DAYS ago are deleted; the counts stay. For each such initiative, in one
 * transaction:
 *
 * - signatures lose their person key (the only link from a signature to a person);
 * - each signing window whose every signature belongs to purged initiatives loses its sealed
 *   identity, person key and age fact (citizenship and municipality stay: they are counts'
 *   dimensions, not identities), and any QC phone number left;
 * - the window.open records in the raw, as-received table lose their sealed identity, which
 *   is a copy of the same box;
 * - the initiative is marked (identities_purged_at) and the audit log says how many.
 *
 * A window shared with an initiative not yet purged keeps its identity until that one is
 * purged too. Windows that never had a signature counted lose their identity RETENTION_DAYS
 * after they were opened (purgeUnsignedWindows). Running it again finds nothing more to do:
 * it is idempotent.
 */
import { sql, type Kysely } from 'kysely';
import type { Config } from '../../config';
import { idChunks } from '../../db/chunks';
import type { Database } from '../../db/schema';
import { appendAuditBy, SYSTEM_ACTOR, type Actor } from '../audit';
import { changingSignatures } from '../signature-changes';

const DAY = 86_400_000;
export const PURGED_IDENTITY = '';

export interface PurgedInitiative {
	id: string;
	slug: string;
	submittedAt: number;
	signatures: number;
	windows: number;
	rawRecords: number;
	qcContacts: number;
}

export interface PurgeResult {
	days: number;
	cutoff: number;
	dryRun: boolean;
	initiatives: PurgedInitiative[];
	/** Windows opened before the cutoff that never had a signature counted (see below). */
	unsigned: { windows: number; rawRecords: number; qcContacts: number };
}

/** Submitted initiatives whose retention has run out and that still hold identities. */
export function initiativesDueForPurge(db: Kysely<Database>, cutoff: number) {
	return db
		.selectFrom('initiative')
		.select(['id', 'slug', 'submitted_at', 'updated_at'])
		.where('status', '=', 'submitted')
		.where('identities_purged_at', 'is', null)
		.where((eb) => eb(eb.fn.coalesce('submitted_at', 'updated_at'), '<=', cutoff))
		.orderBy('submitted_at')
		.execute();
}

function countOf(r: { numUpdatedRows?: bigint; numDeletedRows?: bigint } | undefined) {
	return Number(r?.numUpdatedRows ?? r?.numDeletedRows ?? 0);
}

async function purgeOne(trx: Kysely<Database>, initiativeId: string, now: number) {
	const signatures = countOf(
		await trx
			.updateTable('signature')
			.set({ person_key: null })
			.where('initiative_id', '=', initiativeId)
			.where('person_key', 'is not', null)
			.executeTakeFirst()
	);
	await trx.updateTable('initiative').set({ identities_purged_at: now }).where('id', '=', initiativeId).execute();

	// Windows of this initiative whose every signature is of a purged initiative (this one now included).
	const windows = await trx
		.selectFrom('signing_window as w')
		.select(['w.id', 'w.device_id', 'w.seq'])
		.where('w.identity_purged_at', 'is', null)
		.where(({ exists, selectFrom }) =>
			exists(selectFrom('signature as s').select(sql.lit(1).as('one')).whereRef('s.window_id', '=', 'w.id').where('s.initiative_id', '=', initiativeId))
		)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('signature as s2')
						.innerJoin('initiative as i2', 'i2.id', 's2.initiative_id')
						.select(sql.lit(1).as('one'))
						.whereRef('s2.window_id', '=', 'w.id')
						.where('i2.identities_purged_at', 'is', null)
				)
			)
		)
		.execute();

	const { rawRecords, qcContacts } = await purgeWindows(trx, windows, now);
	return { signatures, windows: windows.length, rawRecords, qcContacts };
}

/**
 * Deletes the identity of each window: its sealed box, person key and age fact, any QC phone
 * number left, and the sealed box in the raw copy of its window.open record.
 */
async function purgeWindows(trx: Kysely<Database>, windows: readonly { id: string; device_id: string; seq: number | string }[], now: number) {
	let qcContacts = 0;
	let rawRecords = 0;
	for (const chunk of idChunks(windows, 500)) {
		const ids = chunk.map((w) => w.id);
		await trx
			.updateTable('signing_window')
			.set({ identity_box: PURGED_IDENTITY, person_key: null, old_enough_from: null, identity_purged_at: now })
			.where('id', 'in', ids)
			.execute();
		qcContacts += countOf(await trx.deleteFrom('qc_contact').where('window_id', 'in', ids).executeTakeFirst());
		const byDevice = new Map<string, number[]>();
		for (const w of chunk) byDevice.set(w.device_id, [...(byDevice.get(w.device_id) ?? []), Number(w.seq)]);
		for (const [deviceId, seqs] of byDevice) {
			const raws = await trx.selectFrom('raw_record').select(['id', 'body']).where('device_id', '=', deviceId).where('seq', 'in', seqs).execute();
			for (const raw of raws) {
				let body: { type?: unknown; payload?: Record<string, unknown> };
				try {
					body = JSON.parse(raw.body);
				} catch {
					continue;
				}
				if (body.type !== 'window.open' || !body.payload || !('identity' in body.payload)) continue;
				body.payload.identity = null;
				body.payload.identityPurgedAt = now;
				await trx.updateTable('raw_record').set({ body: JSON.stringify(body) }).where('id', '=', raw.id).execute();
				rawRecords++;
			}
		}
	}
	return { rawRecords, qcContacts };
}

export async function purgeIdentities(
	db: Kysely<Database>,
	config: Pick<Config, 'retentionDays'>,
	now: number,
	o: { days?: number; dryRun?: boolean; actor?: Actor } = {}
): Promise<PurgeResult> {
	const days = o.days ?? config.retentionDays;
	const cutoff = now - days * DAY;
	const due = await initiativesDueForPurge(db, cutoff);
	const result: PurgeResult = { days, cutoff, dryRun: !!o.dryRun, initiatives: [], unsigned: { windows: 0, rawRecords: 0, qcContacts: 0 } };
	for (const initiative of due) {
		const submittedAt = Number(initiative.submitted_at ?? initiative.updated_at);
		if (o.dryRun) {
			result.initiatives.push({ id: initiative.id, slug: initiative.slug, submittedAt, signatures: 0, windows: 0, rawRecords: 0, qcContacts: 0 });
			continue;
		}
		const counts = await changingSignatures(db, async (trx, changed) => {
			// Another instance may have purged it meanwhile: check again inside the transaction.
			const still = await trx
				.updateTable('initiative')
				.set({ identities_purged_at: now })
				.where('id', '=', initiative.id)
				.where('identities_purged_at', 'is', null)
				.executeTakeFirst();
			if (countOf(still) !== 1) return null;
			const c = await purgeOne(trx, initiative.id, now);
			if (c.signatures) changed('purged');
			await appendAuditBy(trx, o.actor ?? SYSTEM_ACTOR, 'retention.purge', { type: 'initiative', id: initiative.id }, { slug: initiative.slug, days, ...c }, now);
			return c;
		});
		if (counts) result.initiatives.push({ id: initiative.id, slug: initiative.slug, submittedAt, ...counts });
	}
	result.unsigned = await purgeUnsignedWindows(db, cutoff, now, { ...o, days });
	return result;
}

/**
 * Visits that never counted: windows opened before the cutoff with no signature accepted (or
 * accepted and later revoked by quality control), e.g. a citizen who was not eligible, signed
 * only duplicates or walked away. No initiative's purge would ever reach them, so their
 * identities are deleted on their own, the same retention period after the visit.
 */
async function purgeUnsignedWindows(
	db: Kysely<Database>,
	cutoff: number,
	now: number,
	o: { days: number; dryRun?: boolean; actor?: Actor }
): Promise<PurgeResult['unsigned']> {
	const due = (q: Kysely<Database>) =>
		q
			.selectFrom('signing_window as w')
			.select(['w.id', 'w.device_id', 'w.seq'])
			.where('w.identity_purged_at', 'is', null)
			.where('w.opened_at', '<=', cutoff)
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('signature as s')
							.select(sql.lit(1).as('one'))
							.whereRef('s.window_id', '=', 'w.id')
							.where('s.state', 'in', ['accepted', 'revoked'])
					)
				)
			);
	if (o.dryRun) {
		const n = await due(db)
			.clearSelect()
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		return { windows: Number(n.n), rawRecords: 0, qcContacts: 0 };
	}
	return db.transaction().execute(async (trx) => {
		const windows = await due(trx).execute();
		if (windows.length === 0) return { windows: 0, rawRecords: 0, qcContacts: 0 };
		const counts = { windows: windows.length, ...(await purgeWindows(trx, windows, now)) };
		await appendAuditBy(trx, o.actor ?? SYSTEM_ACTOR, 'retention.purge_unsigned', null, { days: o.days, ...counts }, now);
		return counts;
	});
}
