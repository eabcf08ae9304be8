/**
 * The order of the call list (DESIGN §6, README "Quality control"): citizens' reports first,
 * then flagged visits and full reviews, then the plain sample. Issue 17 found flagged visits
 * behind the sample in a month of real pushes: a call got the sample's priority whenever its
 * visit's score was below the base rate, even if the visit was flagged, and flagging a visit
 * after its call existed never moved the call. Window ids are chosen by their sampling score,
 * so the tests know which visits the sample takes.
 */
import { beforeEach, expect, it } from 'vitest';
import { callList } from '../../server/services/qc/call-list';
import { claimCall, claimNextCall, recordOutcome } from '../../server/services/qc/calls';
import { refreshQc } from '../../server/services/qc/frame';
import { reportNotSigned } from '../../server/services/qc/reports';
import { samplingSecret } from '../../server/services/qc/sampling-key';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, HOUR, MINUTE, TestDevice, type TestApp, type World } from './kit';
import { auditor, person, visit, windowIdScored } from './qc-kit';

// Monday 23 November 2026, 10:00 in Rīga: the kit's Rīga KAC is open on Mondays 08:00-17:00.
const T = Date.UTC(2026, 10, 23, 8);
const BASE = 0.1;
const FLAGGED = 0.5;

describeEachDatabase('QC call order', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;
	let secret: string;

	beforeEach(async () => {
		// Busy days are not what these tests are about: the visits-per-day signal stays quiet. One
		// denial out of one completed call starts a full review (the Wilson interval's lower end, 0.21, is above 0.01).
		app = await createTestApp(ctx.handle, {
			now: T,
			env: { QC_SAMPLE_RATE: String(BASE), QC_FLAGGED_RATE: String(FLAGGED), QC_SIGNAL_DAY_MIN: '100', QC_ERROR_THRESHOLD: '0.01' }
		});
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
		secret = await samplingSecret(app);
	});

	/** A visit pushed and reconciled ten minutes after it opened. */
	async function visitAt(openedAt: number, windowId: string, identity = person()) {
		app.setNow(Math.max(app.now(), openedAt + 10 * MINUTE));
		const v = await visit(app, kac, w.clerkRiga, [w.national], openedAt, { windowId, identity });
		await refreshQc(app);
		return v;
	}
	const sampled = () => windowIdScored(secret, (s) => s < BASE);
	const neverSampled = () => windowIdScored(secret, (s) => s >= FLAGGED);
	const visitRow = (windowId: string) => ctx.db.selectFrom('qc_visit').selectAll().where('window_id', '=', windowId).executeTakeFirstOrThrow();
	const windowOfCall = async (callId: string) =>
		(await ctx.db.selectFrom('qc_call').select('window_id').where('id', '=', callId).executeTakeFirstOrThrow()).window_id;

	it('a visit flagged before its call exists and one flagged after both come before every unflagged sample call; citizen reports first', async () => {
		// Two plain sampled visits first: their calls are the oldest on the list.
		const plain1 = await visitAt(T, sampled());
		const plain2 = await visitAt(T + 20 * MINUTE, sampled());
		// A plain sampled visit whose phone number three people will have given by the end.
		const sharedPhone = '+37129990001';
		const flaggedAfter = await visitAt(T + HOUR, sampled(), person({ qcPhone: sharedPhone }));
		expect(await visitRow(flaggedAfter.windowId)).toMatchObject({ flagged: 0, selected: 1, selection_reason: 'rate' });
		// At 20:00 the office is closed: flagged on entry, and its score is below the base rate too.
		const flaggedBefore = await visitAt(T + 10 * HOUR, sampled());
		expect(await visitRow(flaggedBefore.windowId)).toMatchObject({ flagged: 1, flag_signals: 'outside_hours', selected: 1, selection_reason: 'rate' });
		// Two more people give the same phone number (visits the sample does not take): the first
		// visit is flagged now, after its call was made.
		await visitAt(T + 2 * HOUR, neverSampled(), person({ qcPhone: sharedPhone }));
		await visitAt(T + 3 * HOUR, neverSampled(), person({ qcPhone: sharedPhone }));
		expect((await visitRow(flaggedAfter.windowId)).flag_signals).toBe('shared_phone');
		// A citizen reports a visit that was never sampled.
		const reported = await visitAt(T + 4 * HOUR, neverSampled());
		const report = await reportNotSigned(app, { code: reported.receiptCode, scope: 'visit' }, '10.1.2.3');
		expect(report.ok).toBe(true);

		const order = [reported.windowId, flaggedAfter.windowId, flaggedBefore.windowId, plain1.windowId, plain2.windowId];
		const auditors = await Promise.all(order.map((_, i) => auditor(app, `order${i}`)));
		// The page's list...
		const list = await callList(app, auditors[0]);
		expect(await Promise.all(list.open.map((c) => windowOfCall(c.id)))).toEqual(order);
		expect(list.open.map((c) => c.source)).toEqual(['report', 'sample', 'sample', 'sample', 'sample']);
		// ...and "Take the next call", one auditor after another.
		const taken: string[] = [];
		for (const a of auditors) {
			const r = await claimNextCall(app, a);
			if (!r.ok) throw new Error(r.reason);
			taken.push(await windowOfCall(r.callId));
		}
		expect(taken).toEqual(order);
	});

	it('a report lifts a flagged visit’s call to the top, and a later flag never moves it down', async () => {
		const plain = await visitAt(T, sampled());
		const phone = '+37129990002';
		const flagged = await visitAt(T + 10 * HOUR, sampled(), person({ qcPhone: phone }));
		const call = await ctx.db.selectFrom('qc_call').select(['id', 'priority']).where('window_id', '=', flagged.windowId).executeTakeFirstOrThrow();
		expect(call.priority).toBe(1);
		expect((await reportNotSigned(app, { code: flagged.receiptCode, scope: 'visit' }, '10.1.2.4')).ok).toBe(true);
		const callsOf = () => ctx.db.selectFrom('qc_call').select(['id', 'priority', 'source']).where('window_id', '=', flagged.windowId).execute();
		// The same call, now a citizen's case at the top.
		expect(await callsOf()).toEqual([{ id: call.id, priority: 0, source: 'sample' }]);
		// Flagged once more (two other people give the same phone number): still at the top.
		await visitAt(T + 2 * HOUR, neverSampled(), person({ qcPhone: phone }));
		await visitAt(T + 3 * HOUR, neverSampled(), person({ qcPhone: phone }));
		expect((await visitRow(flagged.windowId)).flag_signals).toBe('citizen_report,outside_hours,shared_phone');
		expect(await callsOf()).toEqual([{ id: call.id, priority: 0, source: 'sample' }]);
		expect((await ctx.db.selectFrom('qc_call').select('priority').where('window_id', '=', plain.windowId).executeTakeFirstOrThrow()).priority).toBe(2);
	});

	it('a full review moves the clerk’s sampled calls already on the list up with it', async () => {
		const waiting = await visitAt(T, sampled());
		// Another office's sample call: the full review of the Rīga clerk and office does not touch it.
		const grobina = await TestDevice.enroll(app, 'kac-grobina');
		app.setNow(T + 30 * MINUTE);
		const elsewhere = await visit(app, grobina, w.clerkGrobina, [w.national], T + 10 * MINUTE, { windowId: sampled() });
		await refreshQc(app);
		const denied = await visitAt(T + HOUR, sampled());
		const openPriority = async (windowId: string) =>
			(await ctx.db.selectFrom('qc_call').select('priority').where('window_id', '=', windowId).where('status', '=', 'open').executeTakeFirstOrThrow()).priority;
		expect(await openPriority(waiting.windowId)).toBe(2);
		expect(await openPriority(elsewhere.windowId)).toBe(2);

		// One denial: the clerk and the office go under full review.
		const a = await auditor(app, 'reviewer');
		const callId = (await ctx.db.selectFrom('qc_call').select('id').where('window_id', '=', denied.windowId).executeTakeFirstOrThrow()).id;
		expect((await claimCall(app, a, callId)).ok).toBe(true);
		const r = await recordOutcome(app, a, callId, { result: 'denied', note: 'Nebija centrā.' });
		if (!r.ok) throw new Error(r.reason);
		expect(r.escalated).toEqual([`clerk:${w.clerkRiga}`, `office:${w.kacRiga}`]);
		expect(await openPriority(waiting.windowId)).toBe(1);
		expect(await openPriority(elsewhere.windowId)).toBe(2);
		const audit = await ctx.db.selectFrom('audit_log').select('details').where('action', '=', 'qc.full_review').where('subject_id', '=', w.clerkRiga).executeTakeFirstOrThrow();
		expect(JSON.parse(audit.details)).toMatchObject({ callsMovedUp: 1 });
	});
});
