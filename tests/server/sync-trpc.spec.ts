import { beforeEach, expect, it } from 'vitest';
import { MAX_PUSH_RECORDS } from '../../src/lib/domain/sync-protocol';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, MINUTE, NOW, TestDevice, trpcCall, type TestApp, type World } from './kit';

describeEachDatabase('sync over tRPC', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
	});

	it('sync.pull returns the catalog, the sealing key, the device state and the window length', async () => {
		const res = await trpcCall(app, 'sync.pull', { input: { deviceId: kac.id, sinceVersion: 0 } });
		expect(res.status).toBe(200);
		const pull = (await res.json()).result.data;
		expect(pull.catalog.full).toBe(true);
		expect(pull.catalog.initiatives.length).toBeGreaterThan(0);
		expect(pull.sealingKey).toEqual(app.secrets.sealingKey);
		expect(pull.sealingKey.publicKey.d).toBeUndefined();
		expect(pull.device).toEqual({ id: kac.id, status: 'active', kind: 'kac', officeId: w.kacRiga, lastSeq: 0 });
		expect(pull.settings).toEqual({ windowMinutes: 15 });
		const unknown = (await (await trpcCall(app, 'sync.pull', { input: { deviceId: 'nope' } })).json()).result.data;
		expect(unknown.device).toBeNull();
	});

	it('sync.push over HTTP answers results as data; a record that breaks the schema still answers, a bad envelope is 400', async () => {
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - 10 * MINUTE });
		const batch = await kac.batch([win.record, await kac.sign(win.windowId, w.national, NOW - 9 * MINUTE)]);
		const res = await trpcCall(app, 'sync.push', { method: 'POST', input: batch });
		expect(res.status).toBe(200);
		const result = (await res.json()).result.data;
		expect(result).toMatchObject({ ok: true, protocol: 1, serverTime: NOW, lastSeq: 2 });
		expect(result.results.map((r: { reason: string }) => r.reason)).toEqual(['accepted', 'accepted']);
		const pull = (await (await trpcCall(app, 'sync.pull', { input: { deviceId: kac.id } })).json()).result.data;
		expect(pull.device.lastSeq).toBe(2);
		expect(pull.catalog.progress.find((p: { initiativeId: string }) => p.initiativeId === w.national)).toEqual({
			initiativeId: w.national,
			online: 100,
			inPerson: 1
		});

		const tooMany = { ...batch, records: Array.from({ length: MAX_PUSH_RECORDS + 1 }, () => batch.records[0]) };
		expect((await trpcCall(app, 'sync.push', { method: 'POST', input: tooMany })).status).toBe(400);
		expect((await trpcCall(app, 'sync.push', { method: 'POST', input: { ...batch, protocol: 99 } })).status).toBe(400);
		const garbage = await trpcCall(app, 'sync.push', { method: 'POST', input: { ...batch, records: [{ seq: 3, hello: 1 }] } });
		expect(garbage.status).toBe(200);
		expect((await garbage.json()).result.data).toMatchObject({ ok: false, reason: 'bad_signature' });
	});
});
