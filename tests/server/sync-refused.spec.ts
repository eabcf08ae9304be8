/**
 * Issue 10 §2: pushes that are not from the device change nothing. Only a push whose device
 * signature verifies, from a device that may push, stores raw records, moves the device's
 * clock offset or flags it; a refused push leaves at most a bounded digest for investigation.
 */
import { createHash } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import { deviceById } from '../../server/repositories/devices';
import { PUSH_DIGEST_CAP, PUSH_DIGEST_INTERVAL_MS, pushDigestsOf, UNKNOWN_DEVICE_KEY } from '../../server/repositories/push-digests';
import { revokeDevice } from '../../server/services/enrollment';
import { pushRecords } from '../../server/services/sync';
import { generateDeviceKeyPair } from '../../src/lib/domain/device-signature';
import type { OutboxRecord } from '../../src/lib/domain/outbox-record';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, DAY, HOUR, MINUTE, NOW, reasons, rowCounts, TestDevice, type TestApp, type World } from './kit';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describeEachDatabase('sync.push: pushes not from the device change nothing', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
	});

	/** A visit of three records on the kit device. */
	async function visit(t = NOW - HOUR): Promise<OutboxRecord[]> {
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t });
		return [win.record, await kac.sign(win.windowId, w.national, t + MINUTE), await kac.close(win.windowId, t + 2 * MINUTE)];
	}

	const snapshot = async () => ({ counts: await rowCounts(ctx.db), device: await deviceById(ctx.db, kac.id) });

	it('a push signed with another key: bad_signature, no raw record, the device untouched, one digest of what came', async () => {
		const records = await visit();
		const before = await snapshot();
		const stranger = await generateDeviceKeyPair(true);
		const batch = await kac.batch(records, { key: stranger.privateKey });
		const result = await pushRecords(app, batch);
		expect(result).toMatchObject({ ok: false, reason: 'bad_signature', lastSeq: 0, results: [] });
		expect(await snapshot()).toEqual(before);
		expect(before.counts.raw_record).toBe(0);

		const digests = await pushDigestsOf(ctx.db, kac.id);
		expect(digests).toHaveLength(1);
		const body = JSON.stringify(batch);
		expect(digests[0]).toMatchObject({
			device_key: kac.id,
			claimed_device_id: kac.id,
			reason: 'bad_signature',
			protocol: batch.protocol,
			pushes: 1,
			records: 3,
			bytes: Buffer.byteLength(body),
			first_body_sha256: sha256(body),
			last_body_sha256: sha256(body),
			first_at: NOW,
			last_at: NOW,
			device_time: batch.deviceTime
		});
		// Nothing of the records themselves is kept: no identity box, no ids.
		expect(JSON.stringify(digests)).not.toContain(records[0].id);

		// The genuine push is then applied as if nothing had happened.
		expect(reasons(await kac.push(records))).toEqual(['accepted', 'accepted', 'accepted']);
	});

	it('an unknown device id: unknown_device, nothing stored but a digest in the one bucket all unknown ids share', async () => {
		const records = await visit();
		const batch = await kac.batch(records);
		for (const id of ['0190a1b2-0000-7000-8000-000000000001', '0190a1b2-0000-7000-8000-000000000002']) {
			expect(await pushRecords(app, { ...batch, deviceId: id })).toMatchObject({ ok: false, reason: 'unknown_device', lastSeq: 0, results: [] });
		}
		expect((await rowCounts(ctx.db)).raw_record).toBe(0);
		const digests = await pushDigestsOf(ctx.db, UNKNOWN_DEVICE_KEY);
		expect(digests).toHaveLength(1);
		expect(digests[0]).toMatchObject({ reason: 'unknown_device', pushes: 2, records: 6, claimed_device_id: '0190a1b2-0000-7000-8000-000000000002' });
		expect(await pushDigestsOf(ctx.db, kac.id)).toEqual([]);
	});

	it('a revoked device: its own signed push gets device_revoked, anyone else gets bad_signature and learns nothing; no raw records', async () => {
		const records = await visit();
		expect(reasons(await kac.push([records[0]]))).toEqual(['accepted']);
		expect(await revokeDevice(ctx.db, kac.id, NOW)).toBe(true);
		const rawBefore = (await rowCounts(ctx.db)).raw_record;

		const stranger = await generateDeviceKeyPair(true);
		expect(await pushRecords(app, await kac.batch(records.slice(1), { key: stranger.privateKey }))).toMatchObject({
			ok: false,
			reason: 'bad_signature',
			lastSeq: 0
		});
		expect(await kac.push(records.slice(1))).toMatchObject({ ok: false, reason: 'device_revoked', lastSeq: 1, results: [] });
		expect((await rowCounts(ctx.db)).raw_record).toBe(rawBefore);
		expect((await pushDigestsOf(ctx.db, kac.id)).map((d) => [d.reason, d.pushes, d.records])).toEqual([
			['bad_signature', 1, 2],
			['device_revoked', 1, 2]
		]);
	});

	it('40 bad pushes of 500 records a second add no raw rows, and the digests of a device stop at the cap', async () => {
		// The attack measured in issue 10: 40 pushes in a second added 20,000 raw rows.
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR });
		const records: OutboxRecord[] = [win.record];
		while (records.length < 500) records.push(await kac.sign(win.windowId, w.national, NOW - HOUR + MINUTE));
		const forged = { ...(await kac.batch(records)), signature: 'A'.repeat(86) };
		for (let i = 0; i < 40; i++) {
			app.setNow(NOW + i * 25);
			expect(await pushRecords(app, forged)).toMatchObject({ ok: false, reason: 'bad_signature' });
		}
		expect((await rowCounts(ctx.db)).raw_record).toBe(0);
		const burst = await pushDigestsOf(ctx.db, kac.id);
		expect(burst.map((d) => [d.pushes, d.records, d.first_at, d.last_at])).toEqual([[40, 20_000, NOW, NOW + 39 * 25]]);

		// Kept up for days: one new row per interval at most, and never more than the cap.
		const small = { ...(await kac.batch([win.record])), signature: 'A'.repeat(86) };
		for (let i = 1; i <= PUSH_DIGEST_CAP + 5; i++) {
			app.setNow(NOW + i * PUSH_DIGEST_INTERVAL_MS);
			await pushRecords(app, small);
			await pushRecords(app, small);
		}
		const kept = await pushDigestsOf(ctx.db, kac.id);
		expect(kept).toHaveLength(PUSH_DIGEST_CAP);
		// The newest are kept; each row counts the pushes of its interval.
		expect(kept[kept.length - 1]).toMatchObject({ first_at: NOW + (PUSH_DIGEST_CAP + 5) * PUSH_DIGEST_INTERVAL_MS, pushes: 2, records: 2 });
		expect(kept[0].first_at).toBe(NOW + 6 * PUSH_DIGEST_INTERVAL_MS);
		expect((await rowCounts(ctx.db)).raw_record).toBe(0);
	}, 120_000);

	it('a replay with a changed deviceTime verifies nothing and changes nothing: no clock offset, no flag', async () => {
		const batch = await kac.batch(await visit(), { deviceTime: NOW });
		expect((await pushRecords(app, batch)).ok).toBe(true);
		const before = await snapshot();
		expect(before.device).toMatchObject({ clock_offset_ms: 0, flagged: 0 });

		app.setNow(NOW + HOUR);
		const replay = { ...batch, deviceTime: NOW + HOUR + 2 * DAY };
		expect(await pushRecords(app, replay)).toMatchObject({ ok: false, reason: 'bad_signature', lastSeq: 0, results: [] });
		expect(await snapshot()).toEqual(before);
	});

	it('a replay with {} appended verifies nothing and changes nothing: not tampered, not flagged', async () => {
		const batch = await kac.batch(await visit());
		expect((await pushRecords(app, batch)).ok).toBe(true);
		const before = await snapshot();
		const replay = { ...batch, records: [...batch.records, {}] };
		expect(await pushRecords(app, replay)).toMatchObject({ ok: false, reason: 'bad_signature', lastSeq: 0, results: [] });
		expect(await snapshot()).toEqual(before);
		expect(before.device!.flagged).toBe(0);
	});

	it('a record changed on the way, its hash left as it was: bad_signature, nothing applied, the device not flagged', async () => {
		const batch = await kac.batch(await visit());
		const body = JSON.stringify(batch.records[1]).replace(w.national, w.rigaOnly);
		const changed = { ...batch, records: [batch.records[0], JSON.parse(body), batch.records[2]] };
		const before = await snapshot();
		expect(await pushRecords(app, changed)).toMatchObject({ ok: false, reason: 'bad_signature', lastSeq: 0, results: [] });
		expect(await snapshot()).toEqual(before);
	});

	it('an exact replay a day later gets the stored results and changes nothing: no clock offset, no flag, no new raw rows', async () => {
		const batch = await kac.batch(await visit(), { deviceTime: NOW });
		const first = await pushRecords(app, batch);
		expect(first.ok).toBe(true);
		const before = await snapshot();
		app.setNow(NOW + DAY);
		const again = await pushRecords(app, batch);
		expect(again).toEqual({ ...first, serverTime: NOW + DAY });
		expect(await snapshot()).toEqual(before);
		expect(before.device).toMatchObject({ clock_offset_ms: 0, flagged: 0, last_sync_at: NOW });
	});

	it('a verified push with new records records the clock offset and its flags; it is the only kind that does', async () => {
		const records = await visit(NOW - HOUR);
		const result = await kac.push(records, { deviceTime: NOW - DAY });
		expect(result.ok).toBe(true);
		const device = await deviceById(ctx.db, kac.id);
		expect(device).toMatchObject({ clock_offset_ms: DAY, flagged: 1, flag_reason: 'clock_offset', last_sync_at: NOW });
	});
});
