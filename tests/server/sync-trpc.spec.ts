import { beforeEach, expect, it } from 'vitest';
import { pushDigestsOf, UNKNOWN_DEVICE_KEY } from '../../server/repositories/push-digests';
import { signText } from '../../src/lib/domain/device-signature';
import { MAX_PUSH_RECORDS } from '../../src/lib/domain/sync-protocol';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, MINUTE, NOW, rowCounts, TestDevice, trpcCall, type TestApp, type World } from './kit';

describeEachDatabase('sync over tRPC', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
	});

	it('sync.pull returns the catalog, the sealing key, the device state (to a signed pull) and the window length', async () => {
		const res = await trpcCall(app, 'sync.pull', { input: await kac.pullInput() });
		expect(res.status).toBe(200);
		const pull = (await res.json()).result.data;
		expect(pull.catalog.full).toBe(true);
		expect(pull.catalog.initiatives.length).toBeGreaterThan(0);
		expect(pull.sealingKey).toEqual(app.secrets.sealingKey);
		expect(pull.sealingKey.publicKey.d).toBeUndefined();
		expect(pull.device).toEqual({ verified: true, state: { id: kac.id, status: 'active', kind: 'kac', officeId: w.kacRiga, lastSeq: 0 } });
		expect(pull.settings).toEqual({ windowMinutes: 15 });
		const unknown = (await (await trpcCall(app, 'sync.pull', { input: { ...(await kac.pullInput()), deviceId: 'nope' } })).json()).result.data;
		expect(unknown.device).toEqual({ verified: false, reason: 'unknown_device' });
	});

	it('sync.push over HTTP answers results as data; a record that breaks the schema still answers, a bad envelope is 400', async () => {
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - 10 * MINUTE });
		const batch = await kac.batch([win.record, await kac.sign(win.windowId, w.national, NOW - 9 * MINUTE)]);
		const res = await trpcCall(app, 'sync.push', { method: 'POST', input: batch });
		expect(res.status).toBe(200);
		const result = (await res.json()).result.data;
		expect(result).toMatchObject({ ok: true, protocol: 2, serverTime: NOW, lastSeq: 2 });
		expect(result.results.map((r: { reason: string }) => r.reason)).toEqual(['accepted', 'accepted']);
		const pull = (await (await trpcCall(app, 'sync.pull', { input: await kac.pullInput() })).json()).result.data;
		expect(pull.device.state.lastSeq).toBe(2);
		expect(pull.catalog.progress.find((p: { initiativeId: string }) => p.initiativeId === w.national)).toEqual({
			initiativeId: w.national,
			online: 100,
			inPerson: 1
		});

		// Small records, so the batch stays under the 512 KB body bound (a larger one is 413 before zod looks).
		const tooMany = { ...batch, records: Array.from({ length: MAX_PUSH_RECORDS + 1 }, () => batch.records[batch.records.length - 1]) };
		expect((await trpcCall(app, 'sync.push', { method: 'POST', input: tooMany })).status).toBe(400);
		expect((await trpcCall(app, 'sync.push', { method: 'POST', input: { ...batch, deviceTime: 'now' } })).status).toBe(400);
		expect((await trpcCall(app, 'sync.push', { method: 'POST', input: { ...batch, protocol: 'two' } })).status).toBe(400);
		const garbage = await trpcCall(app, 'sync.push', { method: 'POST', input: { ...batch, records: [{ seq: 3, hello: 1 }] } });
		expect(garbage.status).toBe(200);
		expect((await garbage.json()).result.data).toMatchObject({ ok: false, reason: 'bad_signature' });
	});

	it('a push of protocol 1 (as the old app signs it) or of a later protocol gets unsupported_protocol as data; nothing is stored', async () => {
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - 10 * MINUTE });
		const sig = await kac.sign(win.windowId, w.national, NOW - 9 * MINUTE);
		// Protocol 1: the same envelope, signed over the last record's hash only.
		const v1 = {
			protocol: 1,
			deviceId: kac.id,
			deviceTime: NOW,
			records: [win.record, sig],
			signature: await signText(kac.keys.privateKey, sig.hash)
		};
		const res = await trpcCall(app, 'sync.push', { method: 'POST', input: v1 });
		expect(res.status).toBe(200);
		expect((await res.json()).result.data).toEqual({ ok: false, protocol: 2, serverTime: NOW, reason: 'unsupported_protocol', lastSeq: 0, results: [] });
		// A later version may look quite different; only its version number is read.
		const v3 = await trpcCall(app, 'sync.push', { method: 'POST', input: { protocol: 3, envelope: { whatever: true } } });
		expect(v3.status).toBe(200);
		expect((await v3.json()).result.data).toMatchObject({ ok: false, reason: 'unsupported_protocol', protocol: 2 });
		// Without a protocol number at all it is not a push: 400.
		expect((await trpcCall(app, 'sync.push', { method: 'POST', input: { deviceId: kac.id } })).status).toBe(400);

		expect(await rowCounts(ctx.db)).toEqual({ signing_window: 0, signature: 0, record_result: 0, qc_contact: 0, day_close: 0, raw_record: 0 });
		expect((await pushDigestsOf(ctx.db, kac.id)).map((d) => [d.reason, d.protocol, d.records])).toEqual([['unsupported_protocol', 1, 2]]);
		expect((await pushDigestsOf(ctx.db, UNKNOWN_DEVICE_KEY)).map((d) => [d.reason, d.protocol, d.records])).toEqual([['unsupported_protocol', 3, 0]]);

		// The records are still the device's: sent again under protocol 2 they count.
		const now = await trpcCall(app, 'sync.push', { method: 'POST', input: await kac.batch([win.record, sig]) });
		expect((await now.json()).result.data).toMatchObject({ ok: true, lastSeq: 2 });
	});
});
