import { beforeEach, expect, it } from 'vitest';
import { claimNextCall } from '../../server/services/qc/calls';
import { callList } from '../../server/services/qc/call-list';
import { refreshQc } from '../../server/services/qc/frame';
import { reportNotSigned } from '../../server/services/qc/reports';
import { checkReceipt, RECEIPT_LIMIT } from '../../server/services/receipts';
import { generateReceiptCode } from '../../src/lib/domain/receipt-code';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, HOUR, MINUTE, TestDevice, trpcCall, type TestApp, type World } from './kit';
import { visit } from './qc-kit';

const T = Date.UTC(2026, 10, 23, 8);

describeEachDatabase('QC citizen reports ("I did not sign this")', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle, { now: T + HOUR, env: { QC_SAMPLE_RATE: '0.2' } });
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
	});

	const report = (input: Record<string, unknown>, ip = '10.2.2.2') =>
		trpcCall(app, 'receipt.report', { method: 'POST', input, ip }).then(async (r) => ({ status: r.status, body: await r.json() }));

	it('opens a case at the top of the call list at once, and the receipt check shows it', async () => {
		// A full review of the office puts every visit on the list first…
		await ctx.db
			.insertInto('qc_watch')
			.values({ id: 'fr', subject_type: 'office', subject_id: w.kacRiga, kind: 'full_review', from_at: T, until_at: T + 30 * 86_400_000, reason: 't', created_at: T })
			.execute();
		for (let i = 0; i < 3; i++) await visit(app, kac, w.clerkRiga, [w.national], T + i * 5 * MINUTE);
		await refreshQc(app);
		expect((await callList(app, w.auditor)).open).toHaveLength(3);
		// …then a citizen reports a later visit.
		const v = await visit(app, kac, w.clerkRiga, [w.national, w.rigaOnly], T + 30 * MINUTE);
		const res = await report({ code: v.receiptCode, scope: 'initiatives', initiativeIds: [w.rigaOnly] });
		expect(res.status).toBe(200);
		expect(res.body.result.data).toMatchObject({ ok: true, callable: true, already: false, reference: expect.stringMatching(/^[0-9A-F]{8}$/) });

		const list = await callList(app, w.auditor);
		expect(list.open[0]).toMatchObject({ source: 'report', reported: true, callable: true });
		expect(await claimNextCall(app, w.auditor)).toEqual({ ok: true, callId: list.open[0].id });
		const stored = await ctx.db.selectFrom('qc_report').selectAll().execute();
		expect(stored.map((r) => [r.window_id, r.scope, JSON.parse(r.initiative_ids)])).toEqual([[v.windowId, 'initiatives', [w.rigaOnly]]]);
		expect(await ctx.db.selectFrom('qc_flag').select('signal').where('window_id', '=', v.windowId).execute()).toEqual([{ signal: 'citizen_report' }]);
		const audit = await ctx.db.selectFrom('audit_log').select(['actor_type', 'subject_id']).where('action', '=', 'qc.report').execute();
		expect(audit).toEqual([{ actor_type: 'citizen', subject_id: v.windowId }]);

		const check = await checkReceipt(app, { code: v.receiptCode }, '10.3.3.3');
		expect(check.ok && check.receipt.report).toEqual({ at: app.now(), open: true });
		// Reporting again adds to the same case.
		const again = await report({ code: v.receiptCode, scope: 'visit' });
		expect(again.body.result.data).toMatchObject({ ok: true, already: true, reference: res.body.result.data.reference });
		expect(await ctx.db.selectFrom('qc_call').select('id').where('window_id', '=', v.windowId).execute()).toHaveLength(1);
	});

	it('answers nothing without a valid code, refuses initiatives of another visit, and shares the receipt rate limit', async () => {
		const v = await visit(app, kac, w.clerkRiga, [w.national], T);
		expect((await report({ code: 'nonsense', scope: 'visit' })).body.result.data).toEqual({ ok: false, reason: 'invalid_code' });
		expect((await report({ code: generateReceiptCode(), scope: 'visit' })).body.result.data).toEqual({ ok: false, reason: 'not_found' });
		expect((await report({ code: v.receiptCode, scope: 'initiatives', initiativeIds: [w.rigaOnly] })).body.result.data).toEqual({
			ok: false,
			reason: 'bad_initiatives'
		});
		expect((await report({ code: v.receiptCode, scope: 'initiatives', initiativeIds: [] })).body.result.data).toEqual({ ok: false, reason: 'bad_initiatives' });
		expect(await ctx.db.selectFrom('qc_call').select('id').execute()).toEqual([]);
		expect(await ctx.db.selectFrom('qc_report').select('id').execute()).toEqual([]);

		// Checks and reports count against one limit per address.
		const ip = '10.4.4.4';
		for (let i = 0; i < RECEIPT_LIMIT.max - 1; i++) await checkReceipt(app, { code: generateReceiptCode() }, ip);
		expect((await reportNotSigned(app, { code: v.receiptCode, scope: 'visit' }, ip)).ok).toBe(true);
		expect(await reportNotSigned(app, { code: v.receiptCode, scope: 'visit' }, ip)).toMatchObject({ ok: false, reason: 'rate_limited' });
		expect(await checkReceipt(app, { code: v.receiptCode }, ip)).toMatchObject({ ok: false, reason: 'rate_limited' });
	});

	it('is a mutation from our own origin only', async () => {
		const v = await visit(app, kac, w.clerkRiga, [w.national], T);
		const r = await trpcCall(app, 'receipt.report', { method: 'POST', input: { code: v.receiptCode, scope: 'visit' }, origin: 'https://evil.example' });
		expect(r.status).toBe(403);
		expect(await ctx.db.selectFrom('qc_call').select('id').execute()).toEqual([]);
	});
});
