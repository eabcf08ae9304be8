import { beforeEach, expect, it } from 'vitest';
import { claimCall, recordOutcome } from '../../server/services/qc/calls';
import { refreshQc } from '../../server/services/qc/frame';
import { reportNotSigned } from '../../server/services/qc/reports';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, DAY, HOUR, MINUTE, TestDevice, type TestApp, type World } from './kit';
import { person, promptVisit, visit } from './qc-kit';

/** Mondays of November 2026 at 10:00 in Rīga (the kit offices open Mondays 08:00-17:00). */
const MONDAY = [2, 9, 16, 23].map((d) => Date.UTC(2026, 10, d, 8));

describeEachDatabase('QC anomaly signals', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle, { now: MONDAY[0] });
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
	});

	const flags = () =>
		ctx.db.selectFrom('qc_flag').select(['level', 'signal', 'window_id', 'clerk_id', 'office_id', 'device_id', 'details']).orderBy('created_at').execute();
	const signalsOf = async () => (await flags()).map((f) => f.signal);

	/** An ordinary month: one or two visits on Mondays, in opening hours, synced at once, a few minutes each. */
	async function normalHistory() {
		const ids: string[] = [];
		for (const m of MONDAY.slice(0, 3)) {
			ids.push((await promptVisit(app, kac, w.clerkRiga, [w.national, w.rigaOnly], m)).windowId);
			ids.push((await promptVisit(app, kac, w.clerkRiga, [w.national], m + 90 * MINUTE)).windowId);
			await refreshQc(app);
		}
		return ids;
	}

	it('every signal stays quiet on a normal history', async () => {
		await normalHistory();
		await promptVisit(app, kac, w.clerkRiga, [w.national], MONDAY[3]);
		await refreshQc(app);
		expect(await flags()).toEqual([]);
		const frame = await ctx.db.selectFrom('qc_visit').select(['flagged', 'flag_signals']).execute();
		expect(frame).toHaveLength(7);
		expect(frame.every((v) => v.flagged === 0 && v.flag_signals === '')).toBe(true);
	});

	it('visits per day: eight visits on a day at an office used to one or two', async () => {
		await normalHistory();
		for (let i = 0; i < 8; i++) await promptVisit(app, kac, w.clerkRiga, [w.national], MONDAY[3] + i * 15 * MINUTE);
		await refreshQc(app);
		const f = (await flags()).filter((x) => x.signal === 'visits_per_day');
		expect(f.map((x) => x.level).sort()).toEqual(['clerk', 'office']);
		expect(JSON.parse(f[0].details)).toEqual({ count: 8, baseline: 2, day: '2026-11-23' });
		const day = await ctx.db.selectFrom('qc_visit').select('flag_signals').where('day', '=', '2026-11-23').execute();
		expect(day.every((v) => v.flag_signals === 'visits_per_day')).toBe(true);
	});

	it('outside opening hours: a visit at 20:00', async () => {
		await normalHistory();
		const v = await promptVisit(app, kac, w.clerkRiga, [w.national], MONDAY[3] + 10 * HOUR);
		await refreshQc(app);
		expect(await flags()).toMatchObject([{ level: 'visit', signal: 'outside_hours', window_id: v.windowId, clerk_id: w.clerkRiga, office_id: w.kacRiga }]);
		expect(JSON.parse((await flags())[0].details)).toEqual({ date: '2026-11-23', time: '20:00', closure: false });
	});

	it('a very short window with several signatures', async () => {
		await normalHistory();
		const v = await promptVisit(app, kac, w.clerkRiga, [w.national, w.rigaOnly, w.closedRecently], MONDAY[3], {
			signAfterSec: [8, 15, 22],
			closeAfterSec: 30
		});
		await refreshQc(app);
		expect(await flags()).toMatchObject([{ signal: 'short_window', window_id: v.windowId }]);
		expect(JSON.parse((await flags())[0].details)).toEqual({ seconds: 30, signatures: 3 });
	});

	it('one phone number across several people', async () => {
		await normalHistory();
		const phone = '+37120000001';
		const ids = [];
		for (let i = 0; i < 3; i++) ids.push((await promptVisit(app, kac, w.clerkRiga, [w.national], MONDAY[3] + i * 40 * MINUTE, { identity: person({ qcPhone: phone }) })).windowId);
		await refreshQc(app);
		const f = (await flags()).filter((x) => x.signal === 'shared_phone');
		expect(f.map((x) => x.window_id).sort()).toEqual([...ids].sort());
		expect(JSON.parse(f[0].details)).toEqual({ persons: 3, visits: 3 });
		expect(JSON.stringify(await flags())).not.toContain(phone);
		expect(await signalsOf()).toEqual(['shared_phone', 'shared_phone', 'shared_phone']);
	});

	it('a long offline period: a visit synced five days later', async () => {
		await normalHistory();
		app.setNow(MONDAY[3] + 5 * DAY);
		const v = await visit(app, kac, w.clerkRiga, [w.national], MONDAY[3]);
		await refreshQc(app);
		expect(await flags()).toMatchObject([{ signal: 'offline', window_id: v.windowId }]);
		expect(JSON.parse((await flags())[0].details).hours).toBeGreaterThanOrEqual(119);
	});

	it('clock offset: the office PC is twenty minutes slow', async () => {
		await normalHistory();
		app.setNow(MONDAY[3] + 30 * MINUTE);
		await visit(app, kac, w.clerkRiga, [w.national], MONDAY[3], { deviceTimeOffsetMs: 20 * MINUTE });
		await refreshQc(app);
		expect(await flags()).toMatchObject([{ level: 'office', signal: 'clock_offset', device_id: kac.id, office_id: w.kacRiga, clerk_id: null }]);
		expect(JSON.parse((await flags())[0].details)).toEqual({ minutes: 20, future: false });
	});

	{
		async function decided(results: ('confirmed' | 'denied')[]) {
			for (const [i, result] of results.entries()) {
				const day = MONDAY[0] + i * 20 * MINUTE;
				const v = await promptVisit(app, kac, w.clerkRiga, [w.national], day);
				const r = await reportNotSigned(app, { code: v.receiptCode, scope: 'visit' }, `10.1.1.${i}`);
				expect(r.ok).toBe(true);
				const call = await ctx.db.selectFrom('qc_call').select('id').where('window_id', '=', v.windowId).executeTakeFirstOrThrow();
				expect(await claimCall(app, w.auditor, call.id)).toEqual({ ok: true });
				expect((await recordOutcome(app, w.auditor, call.id, { result, note: 'noted' })).ok).toBe(true);
			}
		}

		it('denial rate: quiet at 0 of 5 completed calls', async () => {
			await decided(['confirmed', 'confirmed', 'confirmed', 'confirmed', 'confirmed']);
			expect((await signalsOf()).filter((s) => s === 'denial_rate' || s === 'error_rate')).toEqual([]);
		});

		it('denial rate: fires at 2 of 10, for the clerk and the office, and escalates to full review', async () => {
			await decided(['confirmed', 'confirmed', 'confirmed', 'confirmed', 'confirmed', 'confirmed', 'confirmed', 'confirmed', 'denied', 'denied']);
			const f = (await flags()).filter((x) => x.signal === 'denial_rate');
			expect(f.map((x) => x.level).sort()).toEqual(['clerk', 'office']);
			// It fires at the first denial, 1 of 9 (11 %); the full review comes at 2 of 10 (Wilson low 0.057 > 5 %).
			expect(JSON.parse(f[0].details)).toEqual({ denied: 1, completed: 9, low: 0.0199, high: 0.435 });
			const watches = await ctx.db.selectFrom('qc_watch').select(['kind', 'subject_type']).where('kind', '=', 'full_review').execute();
			expect(watches.map((x) => x.subject_type).sort()).toEqual(['clerk', 'office']);
		});
	}
});
