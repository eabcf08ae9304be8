/**
 * A new person-key secret (`npm run admin -- rotate-keys --person-key`, README "Keys"): every
 * person key (windows and their signatures) and every QC phone key is made again from the
 * sealed identity or phone number it came from, opened with the sealing keys, so deduplication
 * and the shared-phone signal go on exactly as before. Run with every server instance stopped:
 * a push in the middle would store a person key made with the old secret.
 *
 * One transaction: either every key is made again and the database's check value names the new
 * secret (server/keys/check.ts), or nothing changed. The secret itself is written to the key
 * file only after the commit; if that write fails, the server refuses to start (the check does
 * not match) and running the command again makes every key anew from the sealed identities,
 * which never needed the old secret.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { setKeyCheck } from '../repositories/key-checks';
import { identitySchema } from '../../src/lib/domain/identity';
import type { SealedBox } from '../../src/lib/domain/sealed-box';
import { sealedBox } from '../../src/lib/domain/sealed-box.schema';
import { personKeyOf, phoneKeyOf, type Secrets } from '../secrets';
import { PERSON_KEY_CHECK, personKeyCheckValue } from './check';

const PAGE = 500;

export type RekeyResult =
	| { ok: true; windows: number; signatures: number; phones: number }
	/** Some stored identity cannot be opened (a sealing key missing from the key file): nothing changed. */
	| { ok: false; reason: 'unreadable'; table: 'signing_window' | 'qc_contact'; id: string };

class Unreadable extends Error {
	constructor(readonly table: 'signing_window' | 'qc_contact', readonly id: string) {
		super(`${table} ${id} cannot be opened`);
	}
}

function box(text: string) {
	try {
		const parsed = sealedBox.safeParse(JSON.parse(text));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

export async function rekeyPersons(db: Kysely<Database>, secrets: Secrets, newSecret: string, now: number): Promise<RekeyResult> {
	try {
		return await db.transaction().execute(async (trx) => {
			let windows = 0;
			let signatures = 0;
			let phones = 0;
			for (let after = ''; ; ) {
				const page = await trx
					.selectFrom('signing_window')
					.select(['id', 'identity_box', 'person_key'])
					.where('person_key', 'is not', null)
					.where('id', '>', after)
					.orderBy('id')
					.limit(PAGE)
					.execute();
				if (!page.length) break;
				after = page[page.length - 1].id;
				const boxes = page.map((w) => box(w.identity_box));
				const missing = boxes.findIndex((b) => b === null);
				if (missing >= 0) throw new Unreadable('signing_window', page[missing].id);
				const { identities } = await secrets.openIdentities(boxes as SealedBox[]);
				for (const [i, w] of page.entries()) {
					const opened = identities[i];
					const identity = opened.ok ? identitySchema.safeParse(opened.value) : null;
					if (!identity?.success) throw new Unreadable('signing_window', w.id);
					const key = personKeyOf(newSecret, identity.data.personalCode);
					await trx.updateTable('signing_window').set({ person_key: key }).where('id', '=', w.id).execute();
					const r = await trx
						.updateTable('signature')
						.set({ person_key: key })
						.where('window_id', '=', w.id)
						.where('person_key', '=', w.person_key)
						.executeTakeFirst();
					windows++;
					signatures += Number(r.numUpdatedRows);
				}
			}
			for (let after = ''; ; ) {
				const page = await trx.selectFrom('qc_contact').select(['id', 'phone_box']).where('id', '>', after).orderBy('id').limit(PAGE).execute();
				if (!page.length) break;
				after = page[page.length - 1].id;
				const boxes = page.map((c) => box(c.phone_box));
				const missing = boxes.findIndex((b) => b === null);
				if (missing >= 0) throw new Unreadable('qc_contact', page[missing].id);
				const { identities } = await secrets.openIdentities(boxes as SealedBox[]);
				for (const [i, c] of page.entries()) {
					const opened = identities[i];
					if (!opened.ok || typeof opened.value !== 'string') throw new Unreadable('qc_contact', c.id);
					await trx.updateTable('qc_contact').set({ phone_key: phoneKeyOf(newSecret, opened.value) }).where('id', '=', c.id).execute();
					phones++;
				}
			}
			await setKeyCheck(trx, PERSON_KEY_CHECK, personKeyCheckValue(newSecret), now);
			return { ok: true as const, windows, signatures, phones };
		});
	} catch (e) {
		if (e instanceof Unreadable) return { ok: false, reason: 'unreadable', table: e.table, id: e.id };
		throw e;
	}
}
