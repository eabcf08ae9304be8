import { beforeEach, expect, it } from 'vitest';
import { checkReceipt, RECEIPT_LIMIT } from '../../server/services/receipts';
import { generateReceiptCode } from '../../src/lib/domain/receipt-code';
import { describeEachDatabase } from './databases';
import { citizen, createTestApp, createWorld, MINUTE, NOW, TestDevice, trpcCall, type TestApp, type World } from './kit';

describeEachDatabase('receipt check', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
	});

	it('finds a visit by its receipt code only, and shows office, date and each signature state, nothing about the person', async () => {
		// 23:30 UTC on 27 Nov is already 28 Nov in Rīga.
		const t = Date.UTC(2026, 10, 27, 23, 30);
		const first = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t - 60 * MINUTE });
		const s0 = await kac.sign(first.windowId, w.national, t - 59 * MINUTE);
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t });
		const records = [
			first.record,
			s0,
			win.record,
			await kac.sign(win.windowId, w.national, t + MINUTE),
			await kac.sign(win.windowId, w.rigaOnly, t + 2 * MINUTE),
			await kac.sign(win.windowId, w.closedRecently, t + 3 * MINUTE),
			await kac.close(win.windowId, t + 4 * MINUTE)
		];
		await kac.push(records);

		// Typed by hand: lower case, no dashes, O for 0.
		const typed = win.receiptCode.toLowerCase().replace(/-/g, '').replace(/0/g, 'o');
		// Never in a URL (access logs, history): GET is refused, the code goes in a POST body.
		const get = await trpcCall(app, 'receipt.check', { input: { code: typed } });
		expect(get.status).toBe(405);
		const res = await trpcCall(app, 'receipt.check', { method: 'POST', input: { code: typed } });
		expect(res.status).toBe(200);
		const data = (await res.json()).result.data;
		expect(data).toEqual({
			ok: true,
			receipt: {
				office: { lv: 'Birojs kac-riga', en: 'Office kac-riga' },
				openedDate: '2026-11-28',
				signatures: [
					{ initiativeId: w.national, slug: 'national-one', title: { lv: 'Iniciatīva national-one', en: 'Initiative national-one' }, state: 'duplicate' },
					{ initiativeId: w.rigaOnly, slug: 'riga-only', title: { lv: 'Iniciatīva riga-only', en: 'Initiative riga-only' }, state: 'counted' },
					{ initiativeId: w.closedRecently, slug: 'closed-recently', title: { lv: 'Iniciatīva closed-recently', en: 'Initiative closed-recently' }, state: 'rejected' }
				]
			}
		});
		const text = JSON.stringify(data);
		for (const secret of [citizen().givenName, citizen().surname, '161175', citizen().qcPhone!, w.clerkRiga, kac.id]) {
			expect(text).not.toContain(secret);
		}
	});

	it('a code never issued is not_found; something that is no code is invalid_code', async () => {
		expect(await checkReceipt(app, { code: generateReceiptCode() }, 'ip')).toEqual({ ok: false, reason: 'not_found' });
		expect(await checkReceipt(app, { code: '1234' }, 'ip')).toEqual({ ok: false, reason: 'invalid_code' });
	});

	it('is rate limited per address, across instances (the count is in the database)', async () => {
		for (let i = 0; i < RECEIPT_LIMIT.max; i++) await checkReceipt(app, { code: generateReceiptCode() }, '10.1.1.1');
		const other = await createTestApp(ctx.handle);
		const limited = await checkReceipt(other, { code: generateReceiptCode() }, '10.1.1.1');
		expect(limited).toMatchObject({ ok: false, reason: 'rate_limited' });
		expect((limited as { retryAfterSec: number }).retryAfterSec).toBeGreaterThan(0);
		expect((await checkReceipt(other, { code: generateReceiptCode() }, '10.1.1.2')).ok).toBe(false);
		expect(await checkReceipt(other, { code: generateReceiptCode() }, '10.1.1.2')).toEqual({ ok: false, reason: 'not_found' });
	});
});
