import { beforeEach, expect, it } from 'vitest';
import { countRawRecords } from '../../server/repositories/raw-records';
import { deviceById } from '../../server/repositories/devices';
import { pullCatalog } from '../../server/services/catalog';
import { revokeDevice } from '../../server/services/enrollment';
import { deactivateStaff, reassignClerk } from '../../server/services/staff';
import { pushRecords } from '../../server/services/sync';
import { generateDeviceKeyPair } from '../../src/lib/domain/device-signature';
import { generateSealingKeyPair, seal } from '../../src/lib/domain/sealed-box';
import { GENESIS_HASH, hashRecord, sealRecord } from '../../src/lib/domain/outbox-record';
import { pushDigestsOf } from '../../server/repositories/push-digests';
import { rigaDateOf } from '../../src/lib/domain/dates';
import { describeEachDatabase } from './databases';
import {
	citizen,
	createTestApp,
	createWorld,
	DAY,
	HOUR,
	MINUTE,
	NOW,
	reasons,
	rowCounts,
	TestDevice,
	type TestApp,
	type World
} from './kit';

describeEachDatabase('sync.push', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
	});

	const inPerson = async (initiativeId: string) =>
		(await pullCatalog(ctx.db, 0, app.now())).progress.find((p) => p.initiativeId === initiativeId)?.inPerson;

	it('accepted: a visit with two signatures is applied, and the in-person count shows in catalog pull progress', async () => {
		const t = NOW - 10 * MINUTE;
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t });
		const records = [
			win.record,
			await kac.sign(win.windowId, w.national, t + MINUTE),
			await kac.sign(win.windowId, w.rigaOnly, t + 2 * MINUTE),
			await kac.close(win.windowId, t + 3 * MINUTE)
		];
		const result = await kac.push(records);
		expect(result.ok).toBe(true);
		expect(result.lastSeq).toBe(4);
		expect(result.results.map((r) => [r.seq, r.state, r.reason])).toEqual([
			[1, 'accepted', 'accepted'],
			[2, 'accepted', 'accepted'],
			[3, 'accepted', 'accepted'],
			[4, 'accepted', 'accepted']
		]);
		expect(result.results.map((r) => r.id)).toEqual(records.map((r) => r.id));
		expect(await inPerson(w.national)).toBe(1);
		expect(await inPerson(w.rigaOnly)).toBe(1);
		const device = await deviceById(ctx.db, kac.id);
		expect(device).toMatchObject({ last_seq: 4, last_hash: records[3].hash, flagged: 0 });
		const window = await ctx.db.selectFrom('signing_window').selectAll().executeTakeFirstOrThrow();
		expect(window).toMatchObject({ state: 'accepted', closed_at: t + 3 * MINUTE, close_reason: 'finished', citizenship: 'LV' });
		// The birth date is not kept: only the first day of the visit on which the signer is 16.
		expect(window.old_enough_from).toBe(rigaDateOf(t));
		expect(Object.keys(window)).not.toContain('birth_date');
		// Only the plaintext fields: the keyed person key, the receipt hash and the sealed box are
		// random-looking hex and base64, in which '1975' turns up about once in 300 runs.
		const { person_key: _key, receipt_hash: _hash, identity_box: _box, ...plain } = window;
		expect(JSON.stringify(plain)).not.toContain('1975');
		expect(window.person_key).toBe(app.secrets.personKey('161175-19997'));
	});

	it('duplicate: the same person signing the same initiative again, on another device or in the same visit', async () => {
		const other = await TestDevice.enroll(app, 'kac-riga');
		const a = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR });
		const first = await kac.push([a.record, await kac.sign(a.windowId, w.national, NOW - HOUR + MINUTE)]);
		expect(reasons(first)).toEqual(['accepted', 'accepted']);

		// The personal code typed with its hyphen is the same person.
		const b = await other.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - 30 * MINUTE, identity: citizen({ personalCode: '16117519997' }) });
		const second = await other.push([
			b.record,
			await other.sign(b.windowId, w.national, NOW - 29 * MINUTE),
			await other.sign(b.windowId, w.rigaOnly, NOW - 28 * MINUTE),
			await other.sign(b.windowId, w.rigaOnly, NOW - 27 * MINUTE)
		]);
		expect(second.results.map((r) => [r.state, r.reason])).toEqual([
			['accepted', 'accepted'],
			['duplicate', 'duplicate'],
			['accepted', 'accepted'],
			['duplicate', 'duplicate']
		]);
		expect(await inPerson(w.national)).toBe(1);
		expect(await inPerson(w.rigaOnly)).toBe(1);
		const states = await ctx.db.selectFrom('signature').select('state').orderBy('seq').execute();
		expect(states.filter((s) => s.state === 'duplicate')).toHaveLength(2);
	});

	it('window_expired: signed after the window ended, before it opened, or after its window.close record', async () => {
		const t = NOW - HOUR;
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t, lengthMs: 10 * MINUTE });
		const result = await kac.push([
			win.record,
			await kac.sign(win.windowId, w.national, t + 10 * MINUTE), // the last instant still counts
			await kac.sign(win.windowId, w.rigaOnly, t + 10 * MINUTE + 1),
			await kac.sign(win.windowId, w.rigaOnly, t - 1)
		]);
		expect(reasons(result)).toEqual(['accepted', 'accepted', 'window_expired', 'window_expired']);

		const win2 = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t + 20 * MINUTE, identity: citizen({ personalCode: '28079412344', birthDate: '1994-07-28' }) });
		const afterClose = await kac.push([
			win2.record,
			await kac.close(win2.windowId, t + 21 * MINUTE, 'reclaimed'),
			await kac.sign(win2.windowId, w.national, t + 22 * MINUTE)
		]);
		expect(reasons(afterClose)).toEqual(['accepted', 'accepted', 'window_expired']);
		// A close in an earlier push ends the window too.
		const late = await kac.push([await kac.sign(win2.windowId, w.rigaOnly, t + 21 * MINUTE + 30_000)]);
		expect(reasons(late)).toEqual(['window_expired']);
	});

	it('not_eligible: a non-citizen, someone under 16, and a non-resident on a municipal initiative', async () => {
		const t = NOW - HOUR;
		const records = [];
		const nonCitizen = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t, identity: citizen({ citizenship: 'LV-NC' }) });
		records.push(nonCitizen.record, await kac.sign(nonCitizen.windowId, w.national, t + MINUTE));
		// A new-format code: the birth date comes from the document.
		const young = await kac.openWindow({
			clerkId: w.clerkRiga,
			openedAt: t + 20 * MINUTE,
			identity: citizen({ personalCode: '32345678901', birthDate: '2012-05-01' })
		});
		records.push(young.record, await kac.sign(young.windowId, w.national, t + 21 * MINUTE));
		const elsewhere = await kac.openWindow({
			clerkId: w.clerkRiga,
			openedAt: t + 40 * MINUTE,
			identity: citizen({ personalCode: '29075810403', birthDate: '1958-07-29', declaredMunicipality: 'liepaja' })
		});
		records.push(
			elsewhere.record,
			await kac.sign(elsewhere.windowId, w.rigaOnly, t + 41 * MINUTE),
			await kac.sign(elsewhere.windowId, w.national, t + 42 * MINUTE)
		);
		const result = await kac.push(records);
		expect(reasons(result)).toEqual(['accepted', 'not_eligible', 'accepted', 'not_eligible', 'accepted', 'not_eligible', 'accepted']);
	});

	it('initiative_closed: signed after the initiative closed, or on a draft; unknown_initiative: no such initiative', async () => {
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR });
		const result = await kac.push([
			win.record,
			await kac.sign(win.windowId, w.closedRecently, NOW - HOUR + MINUTE),
			await kac.sign(win.windowId, w.draft, NOW - HOUR + 2 * MINUTE),
			await kac.sign(win.windowId, crypto.randomUUID(), NOW - HOUR + 3 * MINUTE)
		]);
		expect(reasons(result)).toEqual(['accepted', 'initiative_closed', 'initiative_closed', 'unknown_initiative']);
		expect(result.results[1].state).toBe('rejected');
	});

	it('grace: signed before the close and received within the grace period is accepted; after it, late', async () => {
		// Both signed offline a day before their initiative closed; synced only now.
		const withinGrace = NOW - 6 * DAY;
		const pastGrace = NOW - 21 * DAY;
		const a = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: withinGrace });
		const b = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: pastGrace, identity: citizen({ personalCode: '28079412344', birthDate: '1994-07-28' }) });
		const result = await kac.push([
			a.record,
			await kac.sign(a.windowId, w.closedRecently, withinGrace + MINUTE),
			b.record,
			await kac.sign(b.windowId, w.closedLongAgo, pastGrace + MINUTE)
		]);
		expect(reasons(result)).toEqual(['accepted', 'accepted', 'accepted', 'late']);

		// The same signature received a day before its grace ran out would have counted.
		const app2 = await createTestApp(ctx.handle, { now: NOW - 7 * DAY });
		const d2 = await TestDevice.enroll(app2, 'kac-riga');
		const c = await d2.openWindow({ clerkId: w.clerkRiga, openedAt: pastGrace, identity: citizen({ personalCode: '29075810403', birthDate: '1958-07-29' }) });
		const onTime = await d2.push([c.record, await d2.sign(c.windowId, w.closedLongAgo, pastGrace + MINUTE)]);
		expect(reasons(onTime)).toEqual(['accepted', 'accepted']);
	});

	it('clerk_inactive: unknown clerk, clerk of another office, deactivated clerk; the window rejects its signatures alike', async () => {
		const t = NOW - HOUR;
		await deactivateStaff(ctx.db, w.clerkGrobina, NOW - 2 * DAY);
		const unknown = await kac.openWindow({ clerkId: crypto.randomUUID(), openedAt: t });
		const unknownSig = await kac.sign(unknown.windowId, w.national, t + MINUTE);
		const otherOffice = await kac.openWindow({ clerkId: w.clerkGrobina, openedAt: t + 20 * MINUTE });
		const admin = await kac.openWindow({ clerkId: w.admin, openedAt: t + 40 * MINUTE });
		const result = await kac.push([
			unknown.record,
			unknownSig,
			otherOffice.record,
			admin.record
		]);
		expect(reasons(result)).toEqual(['clerk_inactive', 'clerk_inactive', 'clerk_inactive', 'clerk_inactive']);
		expect(result.results.map((r) => r.state)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
	});

	it('clerk_inactive depends on when the window was opened: before deactivation counts, after does not', async () => {
		await deactivateStaff(ctx.db, w.clerkRiga, NOW - DAY);
		const before = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - DAY - HOUR });
		const s1 = await kac.sign(before.windowId, w.national, NOW - DAY - HOUR + MINUTE);
		const after = await kac.openWindow({
			clerkId: w.clerkRiga,
			openedAt: NOW - DAY + HOUR,
			identity: citizen({ personalCode: '28079412344', birthDate: '1994-07-28' })
		});
		const s2 = await kac.sign(after.windowId, w.national, NOW - DAY + HOUR + MINUTE);
		const result = await kac.push([before.record, s1, after.record, s2]);
		expect(reasons(result)).toEqual(['accepted', 'accepted', 'clerk_inactive', 'clerk_inactive']);

		// A clerk moved to another office opens windows there only from the move on.
		await reassignClerk(ctx.db, w.clerkGrobina, 'kac-riga', NOW - 10 * DAY);
		const other = citizen({ personalCode: '29075810403', birthDate: '1958-07-29' });
		const early = await kac.openWindow({ clerkId: w.clerkGrobina, openedAt: NOW - 11 * DAY, identity: other });
		const later = await kac.openWindow({ clerkId: w.clerkGrobina, openedAt: NOW - 9 * DAY, identity: other });
		expect(reasons(await kac.push([early.record, later.record]))).toEqual(['clerk_inactive', 'accepted']);
	});

	it('wrong_office and window_too_long', async () => {
		const t = NOW - HOUR;
		const records = [];
		const wrong = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t, officeId: w.kacGrobina });
		records.push(wrong.record, await kac.sign(wrong.windowId, w.national, t + MINUTE));
		const long = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t + 20 * MINUTE, lengthMs: 15 * MINUTE + 1 });
		records.push(long.record, await kac.sign(long.windowId, w.national, t + 21 * MINUTE));
		const justRight = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t + 40 * MINUTE, lengthMs: 15 * MINUTE });
		records.push(
			justRight.record,
			await kac.dayClose(
				{ officeId: w.kacGrobina, clerkId: w.clerkRiga, day: '2026-11-28', windowsOpened: 3, visitsWithSignatures: 0, abandonedWindows: 0, unsynced: 0 },
				t + 50 * MINUTE
			)
		);
		const result = await kac.push(records);
		expect(reasons(result)).toEqual(['wrong_office', 'wrong_office', 'window_too_long', 'window_too_long', 'accepted', 'wrong_office']);
	});

	it('the configured window length decides window_too_long (WINDOW_MINUTES=30)', async () => {
		const app30 = await createTestApp(ctx.handle, { env: { WINDOW_MINUTES: '30' } });
		const d = await TestDevice.enroll(app30, 'kac-riga');
		const win = await d.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR, lengthMs: 30 * MINUTE });
		expect(reasons(await d.push([win.record]))).toEqual(['accepted']);
	});

	it('identity_unreadable: sealed to another key, not an identity, or a personal code that fails its check digit', async () => {
		const t = NOW - 2 * HOUR;
		const otherKey = await generateSealingKeyPair();
		const foreign = await seal(citizen(), { kid: app.secrets.sealingKey.kid, publicKey: otherKey.publicKey });
		const a = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t, box: foreign });
		const aSig = await kac.sign(a.windowId, w.national, t + MINUTE);
		const b = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t + 20 * MINUTE, identity: { hello: 'world' } });
		const c = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t + 40 * MINUTE, identity: citizen({ personalCode: '11111211111', birthDate: '2011-12-11' }) });
		const d = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t + 60 * MINUTE, identity: citizen({ birthDate: '1975-11-17' }) });
		// A new-format code carries no date, so only the calendar can refuse this one.
		const e = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t + 80 * MINUTE, identity: citizen({ personalCode: '32345678901', birthDate: '2000-02-30' }) });
		const eSig = await kac.sign(e.windowId, w.national, t + 81 * MINUTE);
		const result = await kac.push([a.record, aSig, b.record, c.record, d.record, e.record, eSig]);
		expect(result.ok).toBe(true);
		expect(new Set(reasons(result))).toEqual(new Set(['identity_unreadable']));
		expect(result.results).toHaveLength(7);
		const windows = await ctx.db.selectFrom('signing_window').select(['person_key', 'state']).execute();
		expect(windows.every((x) => x.person_key === null && x.state === 'rejected')).toBe(true);
	});

	it('unknown_window: a signature or close for a window this device never opened', async () => {
		const other = await TestDevice.enroll(app, 'kac-riga');
		const theirs = await other.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR });
		expect(reasons(await other.push([theirs.record]))).toEqual(['accepted']);
		const result = await kac.push([
			await kac.sign(crypto.randomUUID(), w.national, NOW - HOUR),
			await kac.sign(theirs.windowId, w.national, NOW - HOUR + MINUTE),
			await kac.close(theirs.windowId, NOW - HOUR + 2 * MINUTE)
		]);
		expect(reasons(result)).toEqual(['unknown_window', 'unknown_window', 'unknown_window']);
		expect(result.ok).toBe(true);
	});

	it('not_signing_device: a library device pushing a window and a signature', async () => {
		const library = await TestDevice.enroll(app, 'lib-riga');
		const win = await library.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR, officeId: w.library });
		const result = await library.push([win.record, await library.sign(win.windowId, w.national, NOW - HOUR + MINUTE)]);
		expect(result.ok).toBe(true);
		expect(reasons(result)).toEqual(['not_signing_device', 'not_signing_device']);
		expect(await inPerson(w.national)).toBe(0);
	});

	it('unknown_device: nothing is stored for a device the server does not know', async () => {
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR });
		const batch = await kac.batch([win.record]);
		const result = await pushRecords(app, { ...batch, deviceId: crypto.randomUUID() });
		expect(result).toMatchObject({ ok: false, reason: 'unknown_device', results: [] });
	});

	it('device_revoked: a revoked device syncs nothing, and nothing of what it sent is stored (a digest only)', async () => {
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR });
		const records = [win.record, await kac.sign(win.windowId, w.national, NOW - HOUR + MINUTE)];
		await revokeDevice(ctx.db, kac.id, NOW - 1);
		const result = await kac.push(records);
		expect(result).toMatchObject({ ok: false, reason: 'device_revoked', lastSeq: 0 });
		expect(await countRawRecords(ctx.db, kac.id)).toBe(0);
		expect((await rowCounts(ctx.db)).signature).toBe(0);
		expect((await pushDigestsOf(ctx.db, kac.id)).map((d) => [d.reason, d.records])).toEqual([['device_revoked', 2]]);
	});

	it('pushing the same batch twice changes nothing, not even the raw log, and returns the same results', async () => {
		const t = NOW - HOUR;
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t });
		const records = [
			win.record,
			await kac.sign(win.windowId, w.national, t + MINUTE),
			await kac.sign(win.windowId, w.national, t + 2 * MINUTE),
			await kac.close(win.windowId, t + 3 * MINUTE)
		];
		const batch = await kac.batch(records);
		const first = await pushRecords(app, batch);
		const before = await rowCounts(ctx.db);
		const deviceBefore = await deviceById(ctx.db, kac.id);
		app.setNow(NOW + MINUTE);
		const second = await pushRecords(app, batch);
		const after = await rowCounts(ctx.db);
		expect(second.results).toEqual(first.results);
		expect(second.lastSeq).toBe(first.lastSeq);
		expect(second.ok).toBe(true);
		// The raw log already holds every one of these records with this very hash.
		expect(after).toEqual(before);
		expect(after.raw_record).toBe(records.length);
		const deviceAfter = await deviceById(ctx.db, kac.id);
		expect(deviceAfter).toMatchObject({ last_seq: deviceBefore!.last_seq, last_hash: deviceBefore!.last_hash });
		expect(await inPerson(w.national)).toBe(1);
	});

	it('a batch that overlaps what the server holds: old records get their stored results, new ones are applied', async () => {
		const t = NOW - HOUR;
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t });
		const s1 = await kac.sign(win.windowId, w.national, t + MINUTE);
		await kac.push([win.record, s1]);
		const s2 = await kac.sign(win.windowId, w.rigaOnly, t + 2 * MINUTE);
		const result = await kac.push([win.record, s1, s2]);
		expect(result.ok).toBe(true);
		expect(result.results.map((r) => r.seq)).toEqual([1, 2, 3]);
		expect(reasons(result)).toEqual(['accepted', 'accepted', 'accepted']);
		expect(result.lastSeq).toBe(3);
	});

	it('gap: a batch that does not start right after the last seq applies nothing and returns lastSeq', async () => {
		const t = NOW - HOUR;
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t });
		expect((await kac.push([win.record])).lastSeq).toBe(1);
		const lost = await kac.sign(win.windowId, w.national, t + MINUTE);
		const s3 = await kac.sign(win.windowId, w.rigaOnly, t + 2 * MINUTE);
		const s4 = await kac.close(win.windowId, t + 3 * MINUTE);
		const result = await kac.push([s3, s4]);
		expect(result).toMatchObject({ ok: false, reason: 'gap', lastSeq: 1, results: [] });
		expect((await rowCounts(ctx.db)).signature).toBe(0);
		expect(await countRawRecords(ctx.db, kac.id)).toBe(3);
		// The client resends from lastSeq + 1 and all is well; the device is not flagged.
		const resent = await kac.push([lost, s3, s4]);
		expect(reasons(resent)).toEqual(['accepted', 'accepted', 'accepted']);
		expect((await deviceById(ctx.db, kac.id))!.flagged).toBe(0);

		// A hole inside a batch is a gap as well.
		const a = await kac.sign(win.windowId, w.national, t + 4 * MINUTE);
		await kac.sign(win.windowId, w.national, t + 5 * MINUTE);
		const c = await kac.sign(win.windowId, w.national, t + 6 * MINUTE);
		expect(await kac.push([a, c])).toMatchObject({ ok: false, reason: 'gap', lastSeq: 4 });
	});

	it('a reordered batch is applied in seq order: the hash chain fixes the order, not the array', async () => {
		const t = NOW - HOUR;
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t });
		const records = [
			win.record,
			await kac.sign(win.windowId, w.national, t + MINUTE),
			await kac.sign(win.windowId, w.national, t + 2 * MINUTE),
			await kac.close(win.windowId, t + 3 * MINUTE)
		];
		// The device signs the records in the order it sends them …
		const shuffled = await kac.batch([records[2], records[0], records[3], records[1]]);
		// … so reordering them on the way does not verify.
		const batch = await kac.batch(records);
		const reordered = { ...batch, records: [batch.records[2], batch.records[0], batch.records[3], batch.records[1]] };
		expect(await pushRecords(app, reordered)).toMatchObject({ ok: false, reason: 'bad_signature' });
		const result = await pushRecords(app, shuffled);
		expect(result.ok).toBe(true);
		expect(result.results.map((r) => [r.seq, r.reason])).toEqual([
			[1, 'accepted'],
			[2, 'accepted'],
			[3, 'duplicate'],
			[4, 'accepted']
		]);
	});

	it('tampered: a record rewritten on the device (its chain broken inside the batch) quarantines the whole batch, applies nothing and flags the device', async () => {
		const t = NOW - HOUR;
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t });
		const records = [win.record, await kac.sign(win.windowId, w.national, t + MINUTE), await kac.close(win.windowId, t + 2 * MINUTE)];
		// The device's own key signs a record made again with other content: its hash is right,
		// but the next record still links to the hash of the one it replaced.
		const { hash: _h, ...unsigned } = records[1];
		const rewritten = await sealRecord({ ...unsigned, payload: { ...records[1].payload, initiativeId: w.rigaOnly } } as never);
		const result = await pushRecords(app, await kac.batch([records[0], rewritten, records[2]]));
		expect(result).toMatchObject({ ok: false, reason: 'tampered', lastSeq: 0 });
		expect(result.results.map((r) => [r.seq, r.state, r.reason])).toEqual([
			[1, 'quarantined', 'tampered'],
			[2, 'quarantined', 'tampered'],
			[3, 'quarantined', 'tampered']
		]);
		const counts = await rowCounts(ctx.db);
		expect(counts).toMatchObject({ signing_window: 0, signature: 0, record_result: 0, raw_record: 3 });
		const device = await deviceById(ctx.db, kac.id);
		expect(device).toMatchObject({ flagged: 1, last_seq: 0, last_hash: GENESIS_HASH });
		expect(device!.flag_reason).toContain('tampered');
	});

	it('tampered: a changed byte in an identity box, a different record for a stored seq, a broken link to the last hash', async () => {
		const t = NOW - HOUR;
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t });
		const batch = await kac.batch([win.record]);
		const rec = structuredClone(batch.records[0]) as Record<string, any>;
		const ct: string = rec.payload.identity.ct;
		rec.payload.identity.ct = ct.slice(0, 5) + (ct[5] === 'A' ? 'B' : 'A') + ct.slice(6);
		// Changed on the way: the envelope does not verify, and the device is not blamed.
		expect(await pushRecords(app, { ...batch, records: [rec] })).toMatchObject({ ok: false, reason: 'bad_signature' });
		// Sent so by the device itself (its hash no longer matches its content): still not verified.
		expect(await pushRecords(app, await kac.batch([rec]))).toMatchObject({ ok: false, reason: 'bad_signature' });
		expect((await deviceById(ctx.db, kac.id))!.flagged).toBe(0);

		// The genuine record is then accepted …
		expect(reasons(await kac.push([win.record]))).toEqual(['accepted']);
		// … and a different record claiming its seq is tampering.
		const forged = await kac.batch([win.record]);
		const alt = structuredClone(forged.records[0]) as Record<string, any>;
		alt.payload.lengthMs = 10 * MINUTE;
		const { hash: _h, ...unsigned } = alt;
		const resealed = await sealRecord(unsigned as never);
		const replay = await pushRecords(app, await kac.batch([resealed]));
		expect(replay).toMatchObject({ ok: false, reason: 'tampered' });

		// A fresh record that links to some other hash than the device's last one.
		const stray = await sealRecord({ ...(await kac.sign(win.windowId, w.national, t + MINUTE)), prevHash: 'a'.repeat(64) } as never);
		expect(await pushRecords(app, await kac.batch([stray]))).toMatchObject({ ok: false, reason: 'tampered', lastSeq: 1 });
	});

	it('bad_signature: signed with another key, a hash changed, or no signature; the device is not flagged, nothing is kept raw', async () => {
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR });
		const stranger = await generateDeviceKeyPair(true);
		const wrongKey = await kac.batch([win.record], { key: stranger.privateKey });
		expect(await pushRecords(app, wrongKey)).toMatchObject({ ok: false, reason: 'bad_signature', lastSeq: 0, results: [] });

		const batch = await kac.batch([win.record]);
		const rec = structuredClone(batch.records[0]) as Record<string, any>;
		rec.hash = (rec.hash[0] === 'a' ? 'b' : 'a') + rec.hash.slice(1);
		expect(await pushRecords(app, { ...batch, records: [rec] })).toMatchObject({ ok: false, reason: 'bad_signature' });
		expect(await pushRecords(app, { ...batch, signature: 'AAAA' })).toMatchObject({ ok: false, reason: 'bad_signature' });

		expect((await deviceById(ctx.db, kac.id))!.flagged).toBe(0);
		expect(await countRawRecords(ctx.db, kac.id)).toBe(0);
		expect((await pushDigestsOf(ctx.db, kac.id)).map((d) => [d.reason, d.pushes])).toEqual([['bad_signature', 3]]);
		expect(reasons(await pushRecords(app, batch))).toEqual(['accepted']);
	});

	it('raw first: a push whose processing fails keeps its records raw, applies nothing, and can be sent again', async () => {
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR });
		const records = [win.record, await kac.sign(win.windowId, w.national, NOW - HOUR + MINUTE)];
		const openIdentities = app.secrets.openIdentities;
		// Hashing (to verify the push) works; opening the identities fails.
		app.secrets.openIdentities = async (boxes, hashRecords) => {
			if (boxes.length) throw new Error('crypto worker failed');
			return openIdentities(boxes, hashRecords);
		};
		await expect(kac.push(records)).rejects.toThrow('crypto worker failed');
		app.secrets.openIdentities = openIdentities;
		expect(await countRawRecords(ctx.db, kac.id)).toBe(2);
		expect((await rowCounts(ctx.db)).signature).toBe(0);
		expect(Number((await deviceById(ctx.db, kac.id))!.last_seq)).toBe(0);

		// Failing inside the transaction rolls back everything but the raw copy.
		const config = app.config;
		(app as { config: typeof config }).config = new Proxy(config, {
			get: (target, key) => {
				if (key === 'windowMinutes') throw new Error('failed while applying');
				return target[key as keyof typeof config];
			}
		});
		await expect(kac.push(records)).rejects.toThrow('failed while applying');
		(app as { config: typeof config }).config = config;
		expect(await countRawRecords(ctx.db, kac.id)).toBe(4);
		expect((await rowCounts(ctx.db)).signature).toBe(0);
		expect((await rowCounts(ctx.db)).record_result).toBe(0);

		const result = await kac.push(records);
		expect(result.ok).toBe(true);
		expect(reasons(result)).toEqual(['accepted', 'accepted']);
		expect(await countRawRecords(ctx.db, kac.id)).toBe(6);
	});

	it('bad_signature keeps nothing of what was sent, only a digest of the push', async () => {
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR });
		const batch = await kac.batch([win.record]);
		const result = await pushRecords(app, { ...batch, signature: batch.signature.slice(0, -4) + 'AAAA' });
		expect(result).toMatchObject({ ok: false, reason: 'bad_signature' });
		expect(await countRawRecords(ctx.db, kac.id)).toBe(0);
		expect(await pushDigestsOf(ctx.db, kac.id)).toHaveLength(1);
	});

	it('a record that is not a valid record, signed by its device, is kept raw and quarantines its batch', async () => {
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR });
		const { hash: _h, ...unsigned } = win.record;
		const broken = { ...unsigned, type: 'window.reopen' };
		const signed = { ...broken, hash: await hashRecord(broken as never) };
		const result = await pushRecords(app, await kac.batch([signed]));
		expect(result).toMatchObject({ ok: false, reason: 'tampered' });
		expect(result.results).toEqual([{ seq: 1, id: win.record.id, state: 'quarantined', reason: 'tampered' }]);
		const raw = await ctx.db.selectFrom('raw_record').select('body').executeTakeFirstOrThrow();
		expect(JSON.parse(raw.body).type).toBe('window.reopen');
	});

	it('clock skew of ±1 day does not change window-length checks, but flags the device', async () => {
		for (const skew of [DAY, -DAY]) {
			const d = await TestDevice.enroll(app, 'kac-riga');
			const t = NOW + skew - 5 * MINUTE; // the device's clock
			const identity = citizen({ personalCode: skew > 0 ? '28079412344' : '29075810403', birthDate: skew > 0 ? '1994-07-28' : '1958-07-29' });
			const win = await d.openWindow({ clerkId: w.clerkRiga, openedAt: t, lengthMs: 15 * MINUTE, identity });
			const result = await d.push(
				[
					win.record,
					await d.sign(win.windowId, w.national, t + 14 * MINUTE),
					await d.sign(win.windowId, w.rigaOnly, t + 15 * MINUTE + 1)
				],
				{ deviceTime: NOW + skew }
			);
			expect(reasons(result)).toEqual(['accepted', 'accepted', 'window_expired']);
			const device = await deviceById(ctx.db, d.id);
			expect(device!.clock_offset_ms).toBe(-skew);
			expect(device!.flagged).toBe(1);
			expect(device!.flag_reason).toContain('clock_offset');
			if (skew > 0) expect(device!.flag_reason).toContain('future_record');
			// The flag is in the audit log, once: the same reasons again add nothing.
			await d.push([await d.close(win.windowId, t + 16 * MINUTE)], { deviceTime: NOW + skew });
			const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'device.flag').where('subject_id', '=', d.id).execute();
			expect(audit.map((a) => [a.actor_type, a.subject_type, JSON.parse(a.details)])).toEqual([
				['system', 'device', { reasons: skew > 0 ? ['clock_offset', 'future_record'] : ['clock_offset'], clockOffsetMs: -skew }]
			]);
		}
		// A clock within five minutes is fine.
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR });
		await kac.push([win.record], { deviceTime: NOW - 4 * MINUTE });
		expect(await deviceById(ctx.db, kac.id)).toMatchObject({ flagged: 0, clock_offset_ms: 4 * MINUTE });
	});

	it('window.close and day.close are recorded; a QC phone is kept sealed, apart, until its QC period ends', async () => {
		const t = NOW - HOUR;
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t });
		const noPhone = await kac.openWindow({
			clerkId: w.clerkRiga,
			openedAt: t + 20 * MINUTE,
			identity: citizen({ personalCode: '28079412344', birthDate: '1994-07-28', qcPhone: '+37120000000', qcConsent: false })
		});
		const result = await kac.push([
			win.record,
			await kac.close(win.windowId, t + MINUTE, 'timeout'),
			noPhone.record,
			await kac.dayClose(
				{ officeId: w.kacRiga, clerkId: w.clerkRiga, day: '2026-11-28', windowsOpened: 2, visitsWithSignatures: 0, abandonedWindows: 2, unsynced: 0 },
				t + 30 * MINUTE
			)
		]);
		expect(reasons(result)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
		const contacts = await ctx.db.selectFrom('qc_contact').selectAll().execute();
		expect(contacts).toHaveLength(1);
		expect(contacts[0]).toMatchObject({ window_id: win.windowId, consented_at: t, delete_after: t + 90 * DAY });
		expect(contacts[0].phone_box).not.toContain('29876543');
		expect(contacts[0].phone_key).toBe(app.secrets.phoneKey('+37129876543'));
		expect(await app.secrets.openIdentity(JSON.parse(contacts[0].phone_box))).toBe('+37129876543');
		expect(await ctx.db.selectFrom('day_close').selectAll().execute()).toHaveLength(1);

		const { purgeExpired } = await import('../../server/services/housekeeping');
		expect((await purgeExpired(ctx.db, t + 90 * DAY - 1)).qcContacts).toBe(0);
		expect((await purgeExpired(ctx.db, t + 90 * DAY)).qcContacts).toBe(1);
	});

	it('a full batch of 500 records goes through in one push', async () => {
		const records = [];
		let t = NOW - 20 * DAY;
		const codes = ['16117519997', '28079412344', '29075810403'];
		const births = ['1975-11-16', '1994-07-28', '1958-07-29'];
		for (let visit = 0; records.length < 500; visit++) {
			const i = visit % 3;
			const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t, identity: citizen({ personalCode: codes[i], birthDate: births[i] }) });
			records.push(win.record);
			if (records.length < 500) records.push(await kac.sign(win.windowId, w.national, t + MINUTE));
			if (records.length < 500) records.push(await kac.close(win.windowId, t + 2 * MINUTE));
			t += 30 * MINUTE;
		}
		const result = await kac.push(records);
		expect(result.ok).toBe(true);
		expect(result.results).toHaveLength(500);
		expect(result.lastSeq).toBe(500);
		expect(await inPerson(w.national)).toBe(3);
		expect(result.results.filter((r) => r.reason === 'duplicate').length).toBeGreaterThan(100);
	});
});
