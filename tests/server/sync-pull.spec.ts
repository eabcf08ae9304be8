/**
 * Issue 10 §2: `sync.pull` answers a device's status, kind, office and last seq only to a pull
 * that device signed, with a fresh device time; anyone else gets the catalog and the sealing key.
 */
import { beforeEach, expect, it } from 'vitest';
import { revokeDevice } from '../../server/services/enrollment';
import { generateDeviceKeyPair } from '../../src/lib/domain/device-signature';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, DAY, HOUR, MINUTE, NOW, TestDevice, trpcCall, type TestApp, type World } from './kit';

describeEachDatabase('sync.pull', (ctx) => {
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

	it('an unsigned pull gets the catalog, the sealing key and the settings, and nothing about the device', async () => {
		const answer = await pull({ deviceId: kac.id, sinceVersion: 0 });
		expect(answer.protocol).toBe(2);
		expect(answer.catalog.full).toBe(true);
		expect(answer.sealingKey).toEqual(app.secrets.sealingKey);
		expect(answer.settings).toEqual({ windowMinutes: 15 });
		expect(answer.device).toEqual({ verified: false, reason: 'unsigned' });
		const text = JSON.stringify(answer);
		expect(text).not.toContain('lastSeq');
		expect(text).not.toContain('"active"');
	});

	it('a pull the device signed now gets its state', async () => {
		const answer = await pull(await kac.pullInput());
		expect(answer.device).toEqual({
			verified: true,
			state: { id: kac.id, status: 'active', kind: 'kac', officeId: w.kacRiga, lastSeq: 0 }
		});
		expect(answer.catalog.initiatives.length).toBeGreaterThan(0);
	});

	it('bad_signature: signed with another key, or the device id or catalog version changed after signing', async () => {
		const stranger = await generateDeviceKeyPair(true);
		expect((await pull(await kac.pullInput({ key: stranger.privateKey }))).device).toEqual({ verified: false, reason: 'bad_signature' });
		const other = await TestDevice.enroll(app, 'kac-riga');
		const signed = await kac.pullInput({ sinceVersion: 3 });
		expect((await pull({ ...signed, deviceId: other.id })).device).toEqual({ verified: false, reason: 'bad_signature' });
		expect((await pull({ ...signed, sinceVersion: 0 })).device).toEqual({ verified: false, reason: 'bad_signature' });
		expect((await pull({ ...signed, deviceTime: signed.deviceTime! + 1 })).device).toEqual({ verified: false, reason: 'bad_signature' });
		expect((await pull(signed)).device.verified).toBe(true);
	});

	it('stale_request: a signed pull sent again ten minutes later, or signed with a time far from the server clock', async () => {
		const signed = await kac.pullInput();
		app.setNow(NOW + 5 * MINUTE);
		expect((await pull(signed)).device.verified).toBe(true);
		app.setNow(NOW + 10 * MINUTE);
		expect((await pull(signed)).device).toEqual({ verified: false, reason: 'stale_request' });
		expect((await pull(await kac.pullInput({ deviceTime: NOW - HOUR }))).device).toEqual({ verified: false, reason: 'stale_request' });
	});

	it('a clock a day behind: its pulls verify once a verified push has shown the offset, and a replay a day later does not', async () => {
		const slow = NOW - DAY;
		expect((await pull(await kac.pullInput({ deviceTime: slow }))).device).toEqual({ verified: false, reason: 'stale_request' });
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: slow - HOUR });
		expect((await kac.push([win.record], { deviceTime: slow })).ok).toBe(true);
		const signed = await kac.pullInput({ deviceTime: slow + 1000 });
		expect((await pull(signed)).device).toMatchObject({ verified: true, state: { lastSeq: 1 } });
		app.setNow(NOW + DAY);
		expect((await pull(signed)).device).toEqual({ verified: false, reason: 'stale_request' });
	});

	it('a revoked device learns it is revoked from its own signed pull; nobody else does', async () => {
		await revokeDevice(ctx.db, kac.id, NOW);
		expect((await pull(await kac.pullInput())).device).toEqual({
			verified: true,
			state: { id: kac.id, status: 'revoked', kind: 'kac', officeId: w.kacRiga, lastSeq: 0 }
		});
		expect((await pull({ deviceId: kac.id })).device).toEqual({ verified: false, reason: 'unsigned' });
	});

	it('unknown_device and unsupported_protocol', async () => {
		const signed = await kac.pullInput();
		expect((await pull({ ...signed, deviceId: crypto.randomUUID() })).device).toEqual({ verified: false, reason: 'unknown_device' });
		const answer = await pull({ ...signed, protocol: 1 });
		expect(answer.device).toEqual({ verified: false, reason: 'unsupported_protocol' });
		expect(answer.protocol).toBe(2);
		expect(answer.catalog.full).toBe(true);
	});
});
