/**
 * The refresh after a push (only the windows the push accepted signatures into) against the full
 * refresh (every signature received since the last scan, every clerk-month): the same pushes go
 * into two fresh databases with the same sampling secret and the same window ids, one refreshed
 * the way sync.push does it, the other fully after each push, and the frames must be identical
 * after every push — visits, rates, decisions, signals, flags and calls.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../server/db/schema';
import { flagVisits } from '../../server/services/qc/decisions';
import { refreshQc } from '../../server/services/qc/frame';
import { scoreWith } from '../../server/services/qc/sampling-key';
import { qcIdle } from '../../server/services/qc/schedule';
import type { Identity } from '../../src/lib/domain/identity';
import type { OutboxRecord } from '../../src/lib/domain/outbox-record';
import { SCORE_SPACE } from '../../src/lib/domain/qc-sampling';
import { seal } from '../../src/lib/domain/sealed-box';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from './databases';
import { createStaff } from '../../server/services/staff';
import { createTestApp, createWorld, DAY, HOUR, MINUTE, PASSWORD, TestDevice, trpcCall, type TestApp, type World } from './kit';
import { person } from './qc-kit';

const SECRET = 'incremental-equals-full-'.repeat(2);
// A raised rate above the flagged one, so that a watch changes the decision of a flagged visit.
const ENV = { QC_SAMPLING_SECRET: SECRET, QC_RAISED_RATE: '0.8', QC_FLAGGED_RATE: '0.4' };
/** Mondays in Rīga (the kit offices open Mondays 08:00-17:00); 07:00 UTC is 09:00 or 10:00 there. */
const OCT12 = Date.UTC(2026, 9, 12, 7);
const OCT19 = Date.UTC(2026, 9, 19, 7);
const OCT26 = Date.UTC(2026, 9, 26, 8);
const NOV2 = Date.UTC(2026, 10, 2, 8);

const windowId = (n: number) => `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

interface Twin {
	app: TestApp;
	w: World;
	devices: { riga: TestDevice; grobina: TestDevice };
	/** A second clerk at Grobiņa. */
	clerkGrobina2: string;
	names: [string, string][];
}

async function twin(database: TestDatabase, mode: 'after-push' | 'full'): Promise<Twin & { mode: typeof mode }> {
	const app = await createTestApp(database, { now: OCT12, env: ENV });
	const w = await createWorld(app);
	const riga = await TestDevice.enroll(app, 'kac-riga');
	const grobina = await TestDevice.enroll(app, 'kac-grobina');
	const clerkGrobina2 = await createStaff(
		app.database.db,
		{ username: 'klerks.grobina2', displayName: 'Klerks Grobiņa 2', role: 'clerk', office: 'kac-grobina', password: PASSWORD },
		OCT12 - 30 * DAY
	);
	const names: [string, string][] = [
		[w.kacRiga, 'kacRiga'],
		[w.kacGrobina, 'kacGrobina'],
		[w.clerkRiga, 'clerkRiga'],
		[w.clerkGrobina, 'clerkGrobina'],
		[w.national, 'national'],
		[w.rigaOnly, 'rigaOnly'],
		[riga.id, 'deviceRiga'],
		[grobina.id, 'deviceGrobina'],
		[clerkGrobina2, 'clerkGrobina2']
	];
	return { app, w, devices: { riga, grobina }, clerkGrobina2, names, mode };
}

interface VisitSpec {
	n: number;
	openedAt: number;
	identity: Identity;
	initiatives?: ('national' | 'rigaOnly')[];
	/** 'open': only the window.open record; 'rest': its signatures and close (the open went earlier). */
	part?: 'open' | 'rest';
	/** The device's office's clerk unless this one. */
	clerkGrobina2?: true;
}

async function recordsOf(t: Twin, device: 'riga' | 'grobina', visits: VisitSpec[]): Promise<OutboxRecord[]> {
	const dev = t.devices[device];
	const records: OutboxRecord[] = [];
	for (const v of visits) {
		const id = windowId(v.n);
		const clerkId = v.clerkGrobina2 ? t.clerkGrobina2 : device === 'riga' ? t.w.clerkRiga : t.w.clerkGrobina;
		if (v.part !== 'rest') {
			records.push(
				await dev.record(
					'window.open',
					{
						windowId: id,
						clerkId,
						officeId: dev.officeId,
						openedAt: v.openedAt,
						lengthMs: 15 * MINUTE,
						attested: true,
						identity: await seal(v.identity, t.app.secrets.sealingKey),
						receiptHash: createHash('sha256').update(id).digest('hex')
					},
					v.openedAt
				)
			);
		}
		if (v.part === 'open') continue;
		const initiatives = v.initiatives ?? ['national'];
		for (const [i, name] of initiatives.entries()) records.push(await dev.sign(id, t.w[name], v.openedAt + (i + 1) * MINUTE));
		records.push(await dev.close(id, v.openedAt + (initiatives.length + 1) * MINUTE));
	}
	return records;
}

async function push(t: Twin & { mode: 'after-push' | 'full' }, device: 'riga' | 'grobina', visits: VisitSpec[], at: number) {
	t.app.setNow(at);
	const records = await recordsOf(t, device, visits);
	if (t.mode === 'after-push') {
		const res = await trpcCall(t.app, 'sync.push', { method: 'POST', input: await t.devices[device].batch(records) });
		expect(res.status).toBe(200);
		await qcIdle(t.app);
	} else {
		const result = await t.devices[device].push(records);
		expect(result.ok).toBe(true);
		await refreshQc(t.app);
	}
}

/** The frame with each database's own ids (offices, clerks, devices, initiatives) named. */
async function snapshot(db: Kysely<Database>, names: [string, string][]) {
	const visits = await db.selectFrom('qc_visit').selectAll().orderBy('window_id').execute();
	const flags = await db
		.selectFrom('qc_flag')
		.select(['level', 'signal', 'office_id', 'clerk_id', 'window_id', 'device_id', 'details', 'dedupe_key', 'created_at', 'resolved_at'])
		.orderBy('dedupe_key')
		.execute();
	const calls = await db
		.selectFrom('qc_call')
		.select(['window_id', 'office_id', 'clerk_id', 'source', 'priority', 'callable', 'status', 'created_at'])
		.orderBy('window_id')
		.execute();
	let text = JSON.stringify({ visits, flags, calls });
	for (const [id, name] of names) text = text.split(id).join(name);
	return JSON.parse(text) as { visits: typeof visits; flags: typeof flags; calls: typeof calls };
}

const position = async (db: Kysely<Database>) =>
	Number((await db.selectFrom('qc_state').select('value').where('id', '=', 'frame').executeTakeFirstOrThrow()).value);

/**
 * A visits-per-day flag decides again only the visits of the day it can change (decisions.ts,
 * flagSubjectDay); deciding the whole day again, as the flag did before, must then change nothing.
 */
async function expectWholeDayFlaggingChangesNothing(t: Twin) {
	const db = t.app.database.db;
	const before = await snapshot(db, t.names);
	const days = await db.selectFrom('qc_flag').select(['level', 'office_id', 'clerk_id', 'details']).where('signal', '=', 'visits_per_day').execute();
	await db.transaction().execute(async (trx) => {
		for (const d of days) {
			const ids = await trx
				.selectFrom('qc_visit')
				.select('window_id')
				.where(d.level === 'office' ? 'office_id' : 'clerk_id', '=', (d.level === 'office' ? d.office_id : d.clerk_id)!)
				.where('day', '=', (JSON.parse(d.details) as { day: string }).day)
				.execute();
			await flagVisits(t.app, trx, ids.map((r) => r.window_id), 'visits_per_day', t.app.now());
		}
	});
	expect(await snapshot(db, t.names)).toEqual(before);
}

describeEachDatabase('QC frame: the refresh after a push', (ctx) => {
	it('gives exactly the frame the full refresh gives, push after push', { timeout: 60_000 }, async () => {
		const other = await createTestDatabase(ctx.dialect);
		try {
			const a = await twin(ctx.handle, 'after-push');
			const b = await twin(other, 'full');
			const both = async (device: 'riga' | 'grobina', visits: VisitSpec[], at: number) => {
				await push(a, device, visits, at);
				await push(b, device, visits, at);
				const [sa, sb] = await Promise.all([snapshot(a.app.database.db, a.names), snapshot(b.app.database.db, b.names)]);
				expect(sa).toEqual(sb);
				await expectWholeDayFlaggingChangesNothing(a);
				return sa;
			};
			const watch = async (id: string, subject: 'clerk' | 'office', kind: 'raised_rate' | 'full_review', from: number, until: number) => {
				for (const t of [a, b]) {
					const subjectId = t.names.find(([, name]) => name === id)![0];
					await t.app.database.db
						.insertInto('qc_watch')
						.values({ id: `${id}-${kind}`, subject_type: subject, subject_id: subjectId, kind, from_at: from, until_at: until, reason: 'test', created_at: from })
						.execute();
				}
			};
			const people = Array.from({ length: 20 }, () => person());
			const sharedPhone = '+37120000001';
			const withPhone = (p: Identity, qcPhone: string | null) => ({ ...p, qcPhone, qcConsent: qcPhone !== null });
			let n = 1;

			// A quiet first Monday: one visit.
			await both('riga', [{ n: n++, openedAt: OCT12, identity: people[0] }], OCT12 + HOUR);

			// Six visits the next Monday (visits per day, for the office and the clerk), one more
			// window opened whose signature comes with the next push, and a phone given twice.
			const split = n + 6;
			let frame = await both(
				'riga',
				[
					...[2, 3, 4, 5, 6, 7].map((i): VisitSpec => ({ n: n++, openedAt: OCT19 + (i - 2) * 10 * MINUTE, identity: people[i], initiatives: ['national', 'rigaOnly'] })),
					{ n: n++, openedAt: OCT19 + 65 * MINUTE, identity: withPhone(people[8], sharedPhone), part: 'open' }
				],
				OCT19 + 2 * HOUR
			);
			expect(frame.flags.some((f) => f.signal === 'visits_per_day')).toBe(true);
			frame = await both(
				'riga',
				[
					{ n: split, openedAt: OCT19 + 65 * MINUTE, identity: withPhone(people[8], sharedPhone), part: 'rest' },
					{ n: n++, openedAt: OCT19 + 80 * MINUTE, identity: withPhone(people[9], sharedPhone) },
					{ n: n++, openedAt: OCT19 + 90 * MINUTE, identity: people[10] }
				],
				OCT19 + 3 * HOUR
			);
			expect(frame.visits.map((v) => v.window_id)).toContain(windowId(split));

			// Watches come and go while the day's flagged visits wait: each visit of the day that
			// arrives decides them again with the watches of the moment (the office's raised rate,
			// then none, then the clerk's full review); the same phone for a third person.
			const oct19Riga = (f: typeof frame) => f.visits.filter((v) => v.day === '2026-10-19' && v.office_id === 'kacRiga' && v.selected === 0);
			await watch('kacRiga', 'office', 'raised_rate', OCT19 + 3 * HOUR, OCT19 + 3.5 * HOUR);
			frame = await both('riga', [{ n: n++, openedAt: OCT19 + 100 * MINUTE, identity: people[17] }], OCT19 + 3.25 * HOUR);
			expect(new Set(oct19Riga(frame).map((v) => v.rate_ppm))).toEqual(new Set([800_000]));
			const raised = new Set(oct19Riga(frame).map((v) => v.window_id));
			// Once the watch has ended, deciding them again keeps the raised rate: a stored rate only rises.
			frame = await both('riga', [{ n: n++, openedAt: OCT19 + 110 * MINUTE, identity: people[18] }], OCT19 + 3.75 * HOUR);
			expect(new Set(oct19Riga(frame).filter((v) => raised.has(v.window_id)).map((v) => v.rate_ppm))).toEqual(new Set([800_000]));
			await watch('clerkRiga', 'clerk', 'full_review', OCT19 + 3.8 * HOUR, OCT19 + 30 * DAY);
			frame = await both('riga', [{ n: n++, openedAt: OCT19 + 120 * MINUTE, identity: withPhone(people[11], sharedPhone) }], OCT19 + 4 * HOUR);
			expect(frame.flags.filter((f) => f.signal === 'shared_phone')).toHaveLength(3);
			expect(oct19Riga(frame)).toEqual([]);

			// Another office: a duplicate signature next to an accepted one, a visit whose only
			// signature is a duplicate (not a visit of the frame), one on a Sunday evening, and the
			// clerk's only callable visit of October, which no rate selects.
			const unselectable = (from: number) => {
				let k = from;
				while (scoreWith(SECRET, windowId(k)) < 0.9 * SCORE_SPACE) k++;
				return k;
			};
			const uncovered = unselectable(1_000);
			const noPhone = (p: Identity) => withPhone(p, null);
			const onlyDuplicate = n + 1;
			frame = await both(
				'grobina',
				[
					{ n: n++, openedAt: OCT19 + 30 * MINUTE, identity: noPhone(people[0]), initiatives: ['national', 'rigaOnly'] },
					{ n: n++, openedAt: OCT19 + 50 * MINUTE, identity: noPhone(people[2]) },
					{ n: n++, openedAt: OCT19 - 14 * HOUR, identity: noPhone(people[12]) },
					{ n: uncovered, openedAt: OCT19 + 70 * MINUTE, identity: people[16] }
				],
				OCT19 + 5 * HOUR
			);
			expect(frame.visits.map((v) => v.window_id)).not.toContain(windowId(onlyDuplicate));
			expect(frame.flags.some((f) => f.signal === 'outside_hours')).toBe(true);

			// The office PC was offline for four days.
			frame = await both('riga', [{ n: n++, openedAt: OCT19 + 6 * HOUR, identity: people[13] }], OCT19 + 4 * DAY);
			expect(frame.flags.some((f) => f.signal === 'offline')).toBe(true);

			// October has ended: the first push of November applies the monthly minimum to it.
			frame = await both('riga', [{ n: n++, openedAt: NOV2, identity: people[14] }], NOV2 + HOUR);
			expect(frame.visits.find((v) => v.window_id === windowId(uncovered))?.selection_reason).toBe('clerk_minimum');

			// A late October visit of a clerk with no October visit yet, whose score no
			// rate selects: only the monthly minimum can pick it, in the refresh after its push.
			const late = unselectable(uncovered + 1);
			frame = await both('grobina', [{ n: late, openedAt: OCT26, identity: people[15], clerkGrobina2: true }], NOV2 + 2 * HOUR);
			expect(frame.visits.find((v) => v.window_id === windowId(late))?.selection_reason).toBe('clerk_minimum');

			// The refresh after a push never scanned: every visit came in by the windows pushed.
			expect(await position(a.app.database.db)).toBe(0);
			expect(await position(b.app.database.db)).toBeGreaterThan(0);
		} finally {
			await other.drop();
		}
	});
});
