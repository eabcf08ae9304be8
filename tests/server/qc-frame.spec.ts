import { beforeEach, expect, it } from 'vitest';
import { samplingSecret, scoreWith } from '../../server/services/qc/sampling-key';
import { refreshQc } from '../../server/services/qc/frame';
import { qcIdle } from '../../server/services/qc/schedule';
import { decideSelection, monthlyMinimumPicks, sampleScore } from '../../src/lib/domain/qc-sampling';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, DAY, HOUR, MINUTE, NOW, TestDevice, trpcCall, type TestApp, type World } from './kit';
import { person, visit } from './qc-kit';

const RATES = { base: 0.1, raised: 0.3, flagged: 0.5 };
const PLAIN = { raised: false, flagged: false, fullReview: false };

describeEachDatabase('QC sampling frame', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
	});

	const frame = () => ctx.db.selectFrom('qc_visit').selectAll().orderBy('opened_at').execute();

	it('accepted visits enter the frame as they are reconciled by sync.push, reproducibly from the secret', async () => {
		// Mondays 08:00-17:00 are the kit offices' hours: 23 Nov 2026, 10:00 in Rīga.
		const t = Date.UTC(2026, 10, 23, 8);
		app.setNow(t + HOUR);
		const withPhone = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t, identity: person() });
		const noPhone = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t + 20 * MINUTE, identity: person({ qcPhone: null, qcConsent: false }) });
		const noSignature = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t + 40 * MINUTE, identity: person() });
		const records = [
			withPhone.record,
			await kac.sign(withPhone.windowId, w.national, t + 2 * MINUTE),
			await kac.close(withPhone.windowId, t + 5 * MINUTE),
			noPhone.record,
			await kac.sign(noPhone.windowId, w.national, t + 22 * MINUTE),
			await kac.sign(noPhone.windowId, w.closedLongAgo, t + 23 * MINUTE), // rejected: closed
			await kac.close(noPhone.windowId, t + 25 * MINUTE),
			noSignature.record,
			await kac.close(noSignature.windowId, t + 41 * MINUTE)
		];
		const res = await trpcCall(app, 'sync.push', { method: 'POST', input: await kac.batch(records) });
		expect(res.status).toBe(200);
		await qcIdle(app);

		const rows = await frame();
		expect(rows.map((r) => r.window_id)).toEqual([withPhone.windowId, noPhone.windowId]);
		const secret = await samplingSecret(app);
		for (const r of rows) {
			// The server's node:crypto score equals the domain's WebCrypto score of the same id…
			expect(Number(r.score)).toBe(await sampleScore(secret, r.window_id));
			// …and the stored decision is the one the rule gives for it.
			const d = decideSelection(Number(r.score), RATES, PLAIN);
			expect({ selected: r.selected === 1, reason: r.selection_reason, rate: r.rate_ppm }).toEqual({ selected: d.selected, reason: d.reason, rate: 100_000 });
		}
		expect(rows.map((r) => [r.callable, r.signatures, r.day, r.month, r.flagged])).toEqual([
			[1, 1, '2026-11-23', '2026-11', 0],
			[0, 1, '2026-11-23', '2026-11', 0]
		]);
		// A selected visit with a phone is on the call list; one without is "selected, not callable".
		const calls = await ctx.db.selectFrom('qc_call').select('window_id').execute();
		expect(calls.map((c) => c.window_id)).toEqual(rows.filter((r) => r.selected && r.callable).map((r) => r.window_id));

		// Refreshing again changes nothing; another server on the same database decides the same.
		const again = await refreshQc(app);
		expect(again.entered).toBe(0);
		const other = await createTestApp(ctx.handle, { now: app.now() });
		expect(scoreWith(await samplingSecret(other), rows[0].window_id)).toBe(Number(rows[0].score));
	});

	it('QC_SAMPLING_SECRET decides the sample; the same secret gives the same scores on any server', async () => {
		const secret = 'x'.repeat(40);
		app = await createTestApp(ctx.handle, { env: { QC_SAMPLING_SECRET: secret, QC_SAMPLE_RATE: '0.2' } });
		kac = await TestDevice.enroll(app, 'kac-riga');
		const t = Date.UTC(2026, 10, 23, 8);
		app.setNow(t + 2 * HOUR);
		const ids = [];
		// Four visits: five in a day would be an anomaly of their own (visits per day).
		for (let i = 0; i < 4; i++) ids.push((await visit(app, kac, w.clerkRiga, [w.national], t + i * 10 * MINUTE)).windowId);
		await refreshQc(app);
		for (const r of await frame()) {
			expect(r.flag_signals).toBe('');
			expect(Number(r.score)).toBe(scoreWith(secret, r.window_id));
			expect(r.selected === 1).toBe(decideSelection(scoreWith(secret, r.window_id), { ...RATES, base: 0.2 }, PLAIN).selected);
			expect(r.rate_ppm).toBe(200_000);
		}
	});

	it('at least one call per clerk per month: once the month has ended, its lowest-score callable visit', async () => {
		// Five visits in October (Mondays 5, 12, 19, 26 and again the 26th), none of them decided by the minimum yet.
		const mondays = [Date.UTC(2026, 9, 5, 7), Date.UTC(2026, 9, 12, 7), Date.UTC(2026, 9, 19, 7), Date.UTC(2026, 9, 26, 7), Date.UTC(2026, 9, 26, 9)];
		const ids: string[] = [];
		for (const [i, m] of mondays.entries()) {
			app.setNow(m + 10 * MINUTE);
			ids.push((await visit(app, kac, w.clerkRiga, [w.national], m, { identity: person(i === 2 ? { qcPhone: null, qcConsent: false } : {}) })).windowId);
		}
		await refreshQc(app);
		const before = await frame();
		expect(before.some((r) => r.selection_reason === 'clerk_minimum')).toBe(false);

		// November: October has ended.
		app.setNow(Date.UTC(2026, 10, 2, 8));
		const r = await refreshQc(app);
		const after = await frame();
		const expected = monthlyMinimumPicks(
			before.map((v) => ({ windowId: v.window_id, clerkId: v.clerk_id, month: v.month, score: Number(v.score), callable: v.callable === 1, selected: v.selected === 1 })),
			'2026-11'
		);
		expect(r.minimum).toBe(expected.length);
		expect(after.filter((v) => v.selection_reason === 'clerk_minimum').map((v) => v.window_id)).toEqual(expected);
		// Either the rate had already given this clerk a call in October, or the minimum did.
		expect(after.filter((v) => v.callable === 1 && v.selected === 1).length).toBeGreaterThanOrEqual(1);
		const calls = await ctx.db.selectFrom('qc_call').select('window_id').execute();
		for (const v of after.filter((x) => x.selected && x.callable)) expect(calls.map((c) => c.window_id)).toContain(v.window_id);
		// The visit without a phone is never the minimum's pick.
		expect(expected).not.toContain(ids[2]);
		// Running it again picks nothing more.
		expect((await refreshQc(app)).minimum).toBe(0);
	});

	it('a raised rate (after a denial) and full review apply to visits entering the frame', async () => {
		const t = Date.UTC(2026, 10, 23, 8);
		app.setNow(t + 3 * HOUR);
		await ctx.db
			.insertInto('qc_watch')
			.values({ id: 'w1', subject_type: 'office', subject_id: w.kacRiga, kind: 'full_review', from_at: t, until_at: t + 30 * DAY, reason: 'test', created_at: t })
			.execute();
		for (let i = 0; i < 4; i++) await visit(app, kac, w.clerkRiga, [w.national], t + i * 15 * MINUTE);
		await refreshQc(app);
		const rows = await frame();
		expect(rows).toHaveLength(4);
		for (const r of rows) {
			expect(r.selected).toBe(1);
			expect(r.rate_ppm).toBe(1_000_000);
		}
		expect(await ctx.db.selectFrom('qc_call').select('id').execute()).toHaveLength(4);
	});

	it('NOW is a Saturday: the kit is what the tests above assume', () => {
		expect(new Date(NOW).getUTCDay()).toBe(6);
	});
});
