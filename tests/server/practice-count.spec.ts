/**
 * Issue 19: an office PC reports how many practice visits it ran inside its signed `sync.pull`;
 * the server keeps the highest total per device, for training, and never bills it.
 */
import { beforeEach, expect, it } from 'vitest';
import { billingReport } from '../../server/services/admin/billing';
import { practiceTotalOfDevice, practiceTotalsByOffice } from '../../server/repositories/practice-counts';
import { generateDeviceKeyPair } from '../../src/lib/domain/device-signature';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, HOUR, MINUTE, NOW, rowCounts, TestDevice, trpcCall, type TestApp, type World } from './kit';

describeEachDatabase('practice visit count', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
	});

	const pull = async (input: unknown) => {
		const res = await trpcCall(app, 'sync.pull', { input });
		expect(res.status).toBe(200);
		return (await res.json()).result.data;
	};
	const stored = async () => (await practiceTotalOfDevice(app.database.db, kac.id))?.total ?? null;

	it('a signed pull stores the total; a lower later total does not lower it; billing does not change', async () => {
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR });
		expect((await kac.push([win.record])).ok).toBe(true);
		const billingBefore = await billingReport(app, '2026-11');
		const rowsBefore = await rowCounts(app.database.db);

		expect((await pull(await kac.pullInput({ practiceVisits: 3 }))).device.verified).toBe(true);
		expect(await stored()).toBe(3);
		app.setNow(NOW + MINUTE);
		expect((await pull(await kac.pullInput({ practiceVisits: 2 }))).device.verified).toBe(true);
		expect(await stored()).toBe(3);
		expect((await pull(await kac.pullInput({ practiceVisits: 5 }))).device.verified).toBe(true);
		expect(await stored()).toBe(5);

		const totals = await practiceTotalsByOffice(app.database.db);
		expect(totals.map((t) => ({ slug: t.office_slug, total: Number(t.total) }))).toEqual([{ slug: 'kac-riga', total: 5 }]);
		expect(await billingReport(app, '2026-11')).toEqual(billingBefore);
		expect(await rowCounts(app.database.db)).toEqual(rowsBefore);
	});

	it('an unsigned, forged or stale report is refused and stores nothing', async () => {
		expect((await pull({ deviceId: kac.id, sinceVersion: 0, practiceVisits: 9 })).device).toEqual({ verified: false, reason: 'unsigned' });
		const stranger = await generateDeviceKeyPair(true);
		expect((await pull(await kac.pullInput({ key: stranger.privateKey, practiceVisits: 9 }))).device).toEqual({ verified: false, reason: 'bad_signature' });
		// The total changed after signing: the signature covers it.
		const signed = await kac.pullInput({ practiceVisits: 1 });
		expect((await pull({ ...signed, practiceVisits: 9 })).device).toEqual({ verified: false, reason: 'bad_signature' });
		// Added to a pull signed without it.
		expect((await pull({ ...(await kac.pullInput()), practiceVisits: 9 })).device).toEqual({ verified: false, reason: 'bad_signature' });
		expect((await pull(await kac.pullInput({ deviceTime: NOW - HOUR, practiceVisits: 9 }))).device).toEqual({ verified: false, reason: 'stale_request' });
		expect(await stored()).toBeNull();
		expect(await practiceTotalsByOffice(app.database.db)).toEqual([]);
	});

	it('a total that is not a whole number of zero or more is a client mistake, not a 500', async () => {
		const res = await trpcCall(app, 'sync.pull', { input: { ...(await kac.pullInput()), practiceVisits: -1 } });
		expect(res.status).toBe(400);
		expect(await stored()).toBeNull();
	});
});
