import { beforeEach, expect, it } from 'vitest';
import { callList } from '../../server/services/qc/call-list';
import { checkReceipt } from '../../server/services/receipts';
import { generateReceiptCode } from '../../src/lib/domain/receipt-code';
import { REPORT_WITHDRAW_MS } from '../../src/lib/domain/report-withdrawal';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, HOUR, MINUTE, TestDevice, trpcCall, type TestApp, type World } from './kit';
import { visit } from './qc-kit';

const T = Date.UTC(2026, 10, 23, 8);

describeEachDatabase('QC citizen reports withdrawn (issue 11 §4)', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle, { now: T + HOUR, env: { QC_SAMPLE_RATE: '0.05' } });
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
	});

	const call = (path: string, input: Record<string, unknown>, ip = '10.5.5.5') =>
		trpcCall(app, path, { method: 'POST', input, ip }).then(async (r) => (await r.json()).result.data);

	it('within ten minutes the report and the call it made are gone, the flag resolved, both steps audited', async () => {
		const v = await visit(app, kac, w.clerkRiga, [w.national], T);
		expect(await call('receipt.report', { code: v.receiptCode, scope: 'visit' })).toMatchObject({ ok: true });
		expect((await callList(app, w.auditor)).open).toHaveLength(1);

		app.setNow(app.now() + 4 * MINUTE);
		expect(await call('receipt.withdrawReport', { code: v.receiptCode })).toEqual({ ok: true, callRemoved: true });
		expect((await callList(app, w.auditor)).open).toHaveLength(0);
		expect(await ctx.db.selectFrom('qc_report').select('id').execute()).toEqual([]);
		const flags = await ctx.db.selectFrom('qc_flag').select(['signal', 'resolution_note']).where('window_id', '=', v.windowId).execute();
		expect(flags).toEqual([{ signal: 'citizen_report', resolution_note: 'withdrawn by the citizen' }]);
		const audit = await ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', v.windowId).orderBy('seq').execute();
		expect(audit.map((a) => a.action).filter((a) => a.startsWith('qc.report'))).toEqual(['qc.report', 'qc.report.withdrawn']);
		const check = await checkReceipt(app, { code: v.receiptCode }, '10.6.6.6');
		expect(check.ok && check.receipt.report).toBeUndefined();

		// Nothing left to withdraw.
		expect(await call('receipt.withdrawReport', { code: v.receiptCode })).toEqual({ ok: false, reason: 'no_report' });
	});

	it('after ten minutes it is too late; without a valid code nothing is answered', async () => {
		const v = await visit(app, kac, w.clerkRiga, [w.national], T);
		await call('receipt.report', { code: v.receiptCode, scope: 'visit' });
		app.setNow(app.now() + REPORT_WITHDRAW_MS + 1);
		expect(await call('receipt.withdrawReport', { code: v.receiptCode })).toEqual({ ok: false, reason: 'too_late' });
		expect((await callList(app, w.auditor)).open).toHaveLength(1);
		expect(await call('receipt.withdrawReport', { code: 'nonsense' })).toEqual({ ok: false, reason: 'invalid_code' });
		expect(await call('receipt.withdrawReport', { code: generateReceiptCode() })).toEqual({ ok: false, reason: 'not_found' });
	});

	it('a call that was there before the report stays, without the report', async () => {
		const v = await visit(app, kac, w.clerkRiga, [w.national], T);
		await call('receipt.report', { code: v.receiptCode, scope: 'visit' });
		// An auditor has tried the call already: it stays on the list.
		await ctx.db.updateTable('qc_call').set({ attempts: 1 }).where('window_id', '=', v.windowId).execute();
		expect(await call('receipt.withdrawReport', { code: v.receiptCode })).toEqual({ ok: true, callRemoved: false });
		expect(await ctx.db.selectFrom('qc_call').select('id').where('window_id', '=', v.windowId).execute()).toHaveLength(1);
		expect(await ctx.db.selectFrom('qc_report').select('id').execute()).toEqual([]);
	});
});
