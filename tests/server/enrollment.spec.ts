import { beforeEach, expect, it } from 'vitest';
import { ValidationError } from '../../server/services/catalog';
import { createEnrollmentCode, ENROLL_LIMIT, enrollDevice, normalizeEnrollmentCode, revokeDevice } from '../../server/services/enrollment';
import { exportDevicePublicKey, generateDeviceKeyPair, signPull } from '../../src/lib/domain/device-signature';
import { SYNC_PROTOCOL_VERSION } from '../../src/lib/domain/sync-protocol';
import { GENESIS_HASH } from '../../src/lib/domain/outbox-record';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, DAY, HOUR, NOW, trpcCall, type TestApp, type World } from './kit';

describeEachDatabase('device enrollment', (ctx) => {
	let app: TestApp;
	let w: World;
	let publicKey: JsonWebKey;
	let keys: CryptoKeyPair;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
		keys = await generateDeviceKeyPair(true);
		publicKey = await exportDevicePublicKey(keys.publicKey);
	});

	it('a code binds one new device to the office and kind; it is stored only as a hash', async () => {
		const { code, expiresAt } = await createEnrollmentCode(ctx.db, 'kac-riga', undefined, DAY, NOW);
		expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
		expect(expiresAt).toBe(NOW + DAY);
		const stored = await ctx.db.selectFrom('enrollment_code').selectAll().executeTakeFirstOrThrow();
		expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ''));

		// Typed in lower case with spaces, as people do.
		const res = await trpcCall(app, 'device.enroll', { method: 'POST', input: { code: code.toLowerCase().replace(/-/g, ' '), publicKey } });
		const result = (await res.json()).result.data;
		expect(result).toMatchObject({ ok: true, device: { officeId: w.kacRiga, kind: 'kac', officeName: { lv: 'Birojs kac-riga' } } });
		const device = await ctx.db.selectFrom('device').selectAll().where('id', '=', result.device.id).executeTakeFirstOrThrow();
		expect(device).toMatchObject({ status: 'active', kind: 'kac', office_id: w.kacRiga, last_seq: 0, last_hash: GENESIS_HASH, flagged: 0 });
		expect(JSON.parse(device.public_key)).toEqual({ kty: 'EC', crv: 'P-256', x: publicKey.x, y: publicKey.y });
		const used = await ctx.db.selectFrom('enrollment_code').selectAll().executeTakeFirstOrThrow();
		expect(used).toMatchObject({ used_at: NOW, device_id: result.device.id });
	});

	it('codes are single use', async () => {
		const { code } = await createEnrollmentCode(ctx.db, 'kac-riga', 'kac', DAY, NOW);
		expect((await enrollDevice(app, { code, publicKey }, 'ip')).ok).toBe(true);
		expect(await enrollDevice(app, { code, publicKey }, 'ip')).toEqual({ ok: false, reason: 'used' });
		expect(await ctx.db.selectFrom('device').selectAll().execute()).toHaveLength(1);
	});

	it('codes expire', async () => {
		const { code } = await createEnrollmentCode(ctx.db, 'kac-riga', 'kac', HOUR, NOW);
		app.setNow(NOW + HOUR);
		expect(await enrollDevice(app, { code, publicKey }, 'ip')).toEqual({ ok: false, reason: 'expired' });
	});

	it('an unknown code, a malformed code, a private key or a non-key are refused', async () => {
		expect(await enrollDevice(app, { code: 'ABCD-EFGH-JKMN', publicKey }, 'ip')).toEqual({ ok: false, reason: 'invalid_code' });
		expect(await enrollDevice(app, { code: 'nonsense', publicKey }, 'ip')).toEqual({ ok: false, reason: 'invalid_code' });
		const { code } = await createEnrollmentCode(ctx.db, 'kac-riga', 'kac', DAY, NOW);
		const pair = await generateDeviceKeyPair(true);
		const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
		expect(await enrollDevice(app, { code, publicKey: privateJwk }, 'ip')).toEqual({ ok: false, reason: 'bad_key' });
		expect(await enrollDevice(app, { code, publicKey: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' } }, 'ip')).toEqual({ ok: false, reason: 'bad_key' });
		// The code survives refused attempts.
		expect((await enrollDevice(app, { code, publicKey }, 'ip')).ok).toBe(true);
	});

	it('wrong codes from one address are rate limited', async () => {
		for (let i = 0; i < ENROLL_LIMIT.max; i++) await enrollDevice(app, { code: 'ABCD-EFGH-JKMN', publicKey }, 'ip');
		const { code } = await createEnrollmentCode(ctx.db, 'kac-riga', 'kac', DAY, NOW);
		const r = await enrollDevice(app, { code, publicKey }, 'ip');
		expect(r).toMatchObject({ ok: false, reason: 'rate_limited' });
		expect((await enrollDevice(app, { code, publicKey }, 'other-ip')).ok).toBe(true);
	});

	it('a library gets only library devices; an unknown office gets no code', async () => {
		const lib = await createEnrollmentCode(ctx.db, 'lib-riga', undefined, DAY, NOW);
		expect(lib.kind).toBe('library');
		await expect(createEnrollmentCode(ctx.db, 'lib-riga', 'kac', DAY, NOW)).rejects.toBeInstanceOf(ValidationError);
		await expect(createEnrollmentCode(ctx.db, 'no-such-office', undefined, DAY, NOW)).rejects.toBeInstanceOf(ValidationError);
		// A KAC may have an information screen too.
		expect((await createEnrollmentCode(ctx.db, 'kac-riga', 'library', DAY, NOW)).kind).toBe('library');
	});

	it('normalizes what people type', () => {
		expect(normalizeEnrollmentCode('abcd efgh jkmn')).toBe('ABCDEFGHJKMN');
		expect(normalizeEnrollmentCode('ABCD-EFGH-JKM0')).toBe('ABCDEFGHJKM0');
		expect(normalizeEnrollmentCode('abcd-efgh-jkmo')).toBe('ABCDEFGHJKM0');
		expect(normalizeEnrollmentCode('ABCD-EFGH-JKMU')).toBeNull();
		expect(normalizeEnrollmentCode('ABCD-EFGH')).toBeNull();
	});

	it('revokeDevice revokes once and the device pull shows it', async () => {
		const { code } = await createEnrollmentCode(ctx.db, 'kac-riga', 'kac', DAY, NOW);
		const r = await enrollDevice(app, { code, publicKey }, 'ip');
		if (!r.ok) throw new Error('enroll failed');
		expect(await revokeDevice(ctx.db, r.device.id, NOW)).toBe(true);
		expect(await revokeDevice(ctx.db, r.device.id, NOW)).toBe(false);
		// Anyone may ask; only the device itself hears the answer (tests/server/sync-pull.spec.ts).
		const unsigned = (await (await trpcCall(app, 'sync.pull', { input: { deviceId: r.device.id, sinceVersion: 0 } })).json()).result.data;
		expect(unsigned.device).toEqual({ verified: false, reason: 'unsigned' });
		const signed = { protocol: SYNC_PROTOCOL_VERSION, deviceId: r.device.id, deviceTime: NOW, sinceVersion: 0 };
		const input = { ...signed, signature: await signPull(keys.privateKey, signed) };
		const pull = (await (await trpcCall(app, 'sync.pull', { input })).json()).result.data;
		expect(pull.device).toEqual({ verified: true, state: { id: r.device.id, status: 'revoked', kind: 'kac', officeId: w.kacRiga, lastSeq: 0 } });
	});
});
