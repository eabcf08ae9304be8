import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../server/config';
import { createSecrets, jwkThumbprint, loadSecrets } from '../../server/secrets';
import { generateSealingKeyPair, seal } from '../../src/lib/domain/sealed-box';
import { describeEachDatabase } from './databases';

describe('config', () => {
	it('has defaults for every signing setting', () => {
		const c = readConfig({});
		expect(c).toMatchObject({ windowMinutes: 15, graceDays: 14, qcPeriodDays: 90, sessionHours: 12, origin: null, personKeySecret: null });
	});

	it('WINDOW_MINUTES must lie within 5-30', () => {
		expect(readConfig({ WINDOW_MINUTES: '5' }).windowMinutes).toBe(5);
		expect(readConfig({ WINDOW_MINUTES: '30' }).windowMinutes).toBe(30);
		expect(() => readConfig({ WINDOW_MINUTES: '4' })).toThrow(ConfigError);
		expect(() => readConfig({ WINDOW_MINUTES: '31' })).toThrow(/WINDOW_MINUTES/);
		expect(() => readConfig({ WINDOW_MINUTES: '7.5' })).toThrow(ConfigError);
	});

	it('rejects a malformed key, a short HMAC secret and a bad origin, naming the variable', () => {
		expect(() => readConfig({ SEALING_PRIVATE_KEY: 'not json' })).toThrow(/SEALING_PRIVATE_KEY/);
		expect(() => readConfig({ PERSON_KEY_SECRET: 'short' })).toThrow(/PERSON_KEY_SECRET/);
		expect(() => readConfig({ ORIGIN: 'nope' })).toThrow(/ORIGIN/);
		expect(readConfig({ ORIGIN: 'https://x.example/path' }).origin).toBe('https://x.example');
		expect(readConfig({ GRACE_DAYS: '' }).graceDays).toBe(14);
	});
});

describe('secrets from the environment', () => {
	it('uses SEALING_PRIVATE_KEY (public half derived, kid = thumbprint) and PERSON_KEY_SECRET', async () => {
		const pair = await generateSealingKeyPair();
		const config = readConfig({ SEALING_PRIVATE_KEY: JSON.stringify(pair.privateKey), PERSON_KEY_SECRET: 'x'.repeat(40) });
		const { createHmac } = await import('node:crypto');
		const secrets = await createSecrets(config.sealingPrivateKey!, config.personKeySecret!);
		expect(secrets.sealingKey).toEqual({ kid: jwkThumbprint(pair.publicKey), publicKey: { kty: 'EC', crv: 'P-256', x: pair.publicKey.x, y: pair.publicKey.y } });
		expect(secrets.personKey('161175-19997')).toBe(createHmac('sha256', 'x'.repeat(40)).update('16117519997').digest('hex'));
		expect(secrets.personKey('16117519997')).toBe(secrets.personKey('161175-19997'));
		expect(() => secrets.personKey('12345')).toThrow();
		const box = await seal({ a: 1 }, secrets.sealingKey);
		expect(await secrets.openIdentity(box)).toEqual({ a: 1 });
		await expect(secrets.openIdentity({ ...box, kid: 'other' })).rejects.toThrow();
	});

	it('refuses a SEALING_PUBLIC_KEY that is not the private key’s other half', async () => {
		const a = await generateSealingKeyPair();
		const b = await generateSealingKeyPair();
		const config = readConfig({ SEALING_PRIVATE_KEY: JSON.stringify(a.privateKey), SEALING_PUBLIC_KEY: JSON.stringify(b.publicKey) });
		await expect(loadSecrets(undefined as never, config)).rejects.toThrow(ConfigError);
	});
});

describeEachDatabase('secrets kept in the database', (ctx) => {
	it('are made once and shared by every instance on the database', async () => {
		const config = readConfig({});
		const [a, b] = await Promise.all([loadSecrets(ctx.db, config), loadSecrets(ctx.db, config)]);
		const c = await loadSecrets(ctx.db, config);
		expect(a.sealingKey).toEqual(c.sealingKey);
		expect(b.sealingKey).toEqual(c.sealingKey);
		expect(a.personKey('16117519997')).toBe(c.personKey('16117519997'));
		expect(b.personKey('16117519997')).toBe(c.personKey('16117519997'));
		expect(a.source).toEqual({ sealing: 'database', personKey: 'database' });
		const box = await seal({ hello: 'world' }, a.sealingKey);
		expect(await c.openIdentity(box)).toEqual({ hello: 'world' });
		expect(await ctx.db.selectFrom('server_secret').select('name').orderBy('name').execute()).toEqual([
			{ name: 'person_key_secret' },
			{ name: 'sealing_private_key' }
		]);
	});
});
