/**
 * The server keeps no birth date (issue 10 §3, DESIGN §4): a visit keeps only the first of its
 * days on which the signer is 16 (src/lib/domain/eligibility.ts keptFacts), and still decides
 * every signature as the birth date would, also when a window crosses midnight and when the
 * signatures arrive in a later push. A database from before this change has its birth dates
 * converted and removed, from the rows and from the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/db/migrate';
import { oldFormatCheckDigit } from '../../src/lib/domain/personal-code';
import { createTestDatabase, describeEachDatabase, DIALECTS, type TestDatabase } from './databases';
import { citizen, createTestApp, createWorld, MINUTE, NOW, reasons, TestDevice } from './kit';

/** Riga is UTC+2 in November: 22:00Z on 28.11.2026 is midnight in Riga. */
const MIDNIGHT = Date.UTC(2026, 10, 28, 22, 0);

function codeBornOn(dd: string, mm: string, yy: string, century: 0 | 1 | 2, serial: string): string {
	const first10 = `${dd}${mm}${yy}${century}${serial}`;
	return first10 + oldFormatCheckDigit(first10);
}

describeEachDatabase('age without the birth date', (ctx) => {
	it('a person turning 16 at midnight inside the window: before midnight not_eligible, after accepted, from a later push too', async () => {
		const app = await createTestApp(ctx.handle, { now: MIDNIGHT + 30 * MINUTE });
		const w = await createWorld(app);
		const kac = await TestDevice.enroll(app, 'kac-riga');
		const teen = citizen({ personalCode: codeBornOn('29', '11', '10', 2, '123'), birthDate: '2010-11-29' });
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: MIDNIGHT - 8 * MINUTE, identity: teen });
		expect(reasons(await kac.push([win.record]))).toEqual(['accepted']);

		const row = await ctx.db.selectFrom('signing_window').selectAll().where('id', '=', win.windowId).executeTakeFirstOrThrow();
		expect(row.old_enough_from).toBe('2026-11-29');

		// The signatures come in a later push: the rule reads the stored fact, not a birth date.
		const before = await kac.sign(win.windowId, w.national, MIDNIGHT - 3 * MINUTE);
		const after = await kac.sign(win.windowId, w.national, MIDNIGHT + 2 * MINUTE);
		const close = await kac.close(win.windowId, MIDNIGHT + 4 * MINUTE);
		expect(reasons(await kac.push([before, after, close]))).toEqual(['not_eligible', 'accepted', 'accepted']);
	});

	it('an adult keeps the visit day and a child "never": two adults of different ages look the same', async () => {
		const app = await createTestApp(ctx.handle);
		const w = await createWorld(app);
		const kac = await TestDevice.enroll(app, 'kac-riga');
		const t = NOW - 3 * 60 * MINUTE;
		const people = [
			citizen(),
			citizen({ personalCode: '28079412344', birthDate: '1994-07-28' }),
			citizen({ personalCode: codeBornOn('01', '05', '12', 2, '456'), birthDate: '2012-05-01' })
		];
		const records = [];
		for (const [i, p] of people.entries()) {
			const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t + i * 20 * MINUTE, identity: p });
			records.push(win.record, await kac.sign(win.windowId, w.national, t + i * 20 * MINUTE + MINUTE));
		}
		expect(reasons(await kac.push(records))).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'not_eligible']);
		const kept = await ctx.db.selectFrom('signing_window').select(['old_enough_from']).orderBy('opened_at').execute();
		expect(kept.map((r) => r.old_enough_from)).toEqual(['2026-11-28', '2026-11-28', '9999-12-31']);
	});
});

describe('migration 0008_keys on a database with birth dates', () => {
	const dbs: (TestDatabase & { drop(): Promise<void> })[] = [];
	afterEach(async () => {
		for (const d of dbs.splice(0)) await d.drop();
	});

	for (const dialect of DIALECTS) {
		it(`converts each birth date to the visit's age fact and leaves none in the rows or the file [${dialect}]`, async () => {
			const db = await createTestDatabase(dialect, { upTo: '0005_qc' });
			dbs.push(db);
			const opened = Date.UTC(2026, 10, 28, 21, 52); // 23:52 in Riga, 15 minutes: across midnight
			const rows = [
				['w-adult', '1975-11-16'],
				['w-midnight', '2010-11-29'],
				['w-child', '2012-05-01'],
				['w-rejected', null]
			] as const;
			await sql`insert into office (id, slug, kind, name_lv, name_en, municipality, address, phone, hours, version, created_at, updated_at)
				values ('o1', 'o1', 'kac', 'B', 'O', 'riga', 'Iela 1', '+371', '[]', 1, 0, 0)`.execute(db.db);
			await sql`insert into device (id, office_id, kind, public_key, status, enrolled_at, last_hash)
				values ('d1', 'o1', 'kac', '{}', 'active', 0, '')`.execute(db.db);
			for (const [i, [id, birth]] of rows.entries()) {
				await sql`insert into signing_window (id, device_id, office_id, clerk_id, opened_at, length_ms, identity_box, person_key,
					citizenship, declared_municipality, property_municipalities, birth_date, receipt_hash, state, reason, received_at, seq)
					values (${id}, 'd1', 'o1', 'c1', ${opened}, ${15 * MINUTE}, '{}', ${birth ? `pk-${id}` : null}, ${birth ? 'LV' : null},
					'riga', '[]', ${birth}, ${`r-${id}`}, ${birth ? 'accepted' : 'rejected'}, 'accepted', ${opened}, ${i + 1})`.execute(db.db);
			}
			expect(await migrateToLatest(db.db, { schema: db.schema })).toContain('0008_keys');
			const after = await db.db.selectFrom('signing_window').selectAll().orderBy('seq').execute();
			expect(after.map((r) => [r.id, r.old_enough_from])).toEqual([
				['w-adult', '2026-11-28'],
				['w-midnight', '2026-11-29'],
				['w-child', '9999-12-31'],
				['w-rejected', null]
			]);
			expect(Object.keys(after[0])).not.toContain('birth_date');
			if (dialect === 'sqlite') {
				await db.destroy();
				const dir = dirname(db.file!);
				const bytes = Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
				for (const birth of ['1975-11-16', '2010-11-29', '2012-05-01']) expect(bytes.includes(Buffer.from(birth)), birth).toBe(false);
			}
		});
	}
});
