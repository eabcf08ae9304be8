import { createHmac } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../server/config';
import { newKeyFile, readKeyFile } from '../../server/keys/key-file';
import { loadKeys } from '../../server/keys/resolve';
import { createSecrets, jwkThumbprint } from '../../server/secrets';
import { generateSealingKeyPair, seal } from '../../src/lib/domain/sealed-box';
import { describeEachDatabase } from './databases';

describe('config', () => {
	it('has defaults for every signing setting, and no keys', () => {
		const c = readConfig({});
		expect(c).toMatchObject({ windowMinutes: 15, graceDays: 14, qcPeriodDays: 90, sessionHours: 12, origin: null, personKeySecret: null });
		expect(c).toMatchObject({ keyFile: null, sealingPrivateKey: null, sealingRetiredKeys: [], databaseUrlGiven: false });
		expect(readConfig({ DATABASE_URL: 'file:./data/klatiene.db' }).databaseUrlGiven).toBe(true);
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
		expect(() => readConfig({ SEALING_RETIRED_KEYS: '{"kty":"EC"}' })).toThrow(/SEALING_RETIRED_KEYS/);
		expect(() => readConfig({ PERSON_KEY_SECRET: 'short' })).toThrow(/PERSON_KEY_SECRET/);
		expect(() => readConfig({ QC_SAMPLING_SECRET: 'short' })).toThrow(/QC_SAMPLING_SECRET/);
		expect(() => readConfig({ ORIGIN: 'nope' })).toThrow(/ORIGIN/);
		expect(readConfig({ ORIGIN: 'https://x.example/path' }).origin).toBe('https://x.example');
		expect(readConfig({ GRACE_DAYS: '' }).graceDays).toBe(14);
	});
});

describe('secrets', () => {
	it('seal to the current key (kid = thumbprint), and person keys are HMAC-SHA-256 with the secret', async () => {
		const pair = await generateSealingKeyPair();
		const config = readConfig({ SEALING_PRIVATE_KEY: JSON.stringify(pair.privateKey), PERSON_KEY_SECRET: 'x'.repeat(40) });
		const secrets = await createSecrets({ sealing: config.sealingPrivateKey!, personKeySecret: config.personKeySecret!, samplingSecret: 'y'.repeat(40) });
		expect(secrets.sealingKey).toEqual({ kid: jwkThumbprint(pair.publicKey), publicKey: { kty: 'EC', crv: 'P-256', x: pair.publicKey.x, y: pair.publicKey.y } });
		expect(secrets.sealingKey.publicKey).not.toHaveProperty('d');
		expect(secrets.personKey('161175-19997')).toBe(createHmac('sha256', 'x'.repeat(40)).update('16117519997').digest('hex'));
		expect(secrets.personKey('16117519997')).toBe(secrets.personKey('161175-19997'));
		expect(() => secrets.personKey('12345')).toThrow();
		const box = await seal({ a: 1 }, secrets.sealingKey);
		expect(await secrets.openIdentity(box)).toEqual({ a: 1 });
		await expect(secrets.openIdentity({ ...box, kid: 'other' })).rejects.toThrow(/unknown key/);
	});

	it('open boxes sealed to a retired key, found by kid, in one call with boxes of the current key', async () => {
		const old = await generateSealingKeyPair();
		const now = await generateSealingKeyPair();
		const before = await createSecrets({ sealing: old.privateKey, personKeySecret: 'x'.repeat(40), samplingSecret: 'y'.repeat(40) });
		const after = await createSecrets({ sealing: now.privateKey, otherSealing: [old.privateKey], personKeySecret: 'x'.repeat(40), samplingSecret: 'y'.repeat(40) });
		expect(after.sealingKey.kid).not.toBe(before.sealingKey.kid);
		expect(after.openingKids).toEqual([after.sealingKey.kid, before.sealingKey.kid]);
		const a = await seal({ who: 'old' }, before.sealingKey);
		const b = await seal({ who: 'new' }, after.sealingKey);
		const forged = { ...(await seal({ who: 'x' }, after.sealingKey)), kid: before.sealingKey.kid };
		const { identities } = await after.openIdentities([b, a, forged, a]);
		expect(identities).toEqual([
			{ ok: true, value: { who: 'new' } },
			{ ok: true, value: { who: 'old' } },
			{ ok: false },
			{ ok: true, value: { who: 'old' } }
		]);
		expect(await after.openIdentity(a)).toEqual({ who: 'old' });
		await expect(before.openIdentity(b)).rejects.toThrow();
	});

	it('refuse a SEALING_PUBLIC_KEY that is not the private key’s other half', async () => {
		const a = await generateSealingKeyPair();
		const b = await generateSealingKeyPair();
		const config = readConfig({ SEALING_PRIVATE_KEY: JSON.stringify(a.privateKey), SEALING_PUBLIC_KEY: JSON.stringify(b.publicKey) });
		await expect(loadKeys(undefined as never, config, { demo: false })).rejects.toThrow(ConfigError);
	});
});

describeEachDatabase('keys never in the database', (ctx) => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'klatiene-keys-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));
	const config = (env: Record<string, string> = {}) => readConfig({ DATABASE_URL: ctx.handle.url, ...env });
	const secretRows = () => ctx.db.selectFrom('server_secret').selectAll().execute();

	it('outside the demo, a server without keys refuses to start, names what to set, and writes nothing', async () => {
		const error = await loadKeys(ctx.handle, config({ DEMO_DATA: 'auto' }), { demo: false }).catch((e) => e);
		expect(error).toBeInstanceOf(ConfigError);
		expect(error.message).toMatch(/SEALING_PRIVATE_KEY, PERSON_KEY_SECRET, QC_SAMPLING_SECRET are not set/);
		expect(error.message).toMatch(/KEY_FILE/);
		expect(error.message).toMatch(/npm run admin -- make-keys/);
		expect(await secretRows()).toEqual([]);
		// One key missing is named alone.
		const partial = config({ PERSON_KEY_SECRET: 'p'.repeat(40), QC_SAMPLING_SECRET: 'q'.repeat(40) });
		await expect(loadKeys(ctx.handle, partial, { demo: false })).rejects.toThrow(/SEALING_PRIVATE_KEY is not set/);
	});

	it('the demo makes a key file outside the database (mode 0600, all three keys), and every later start reads the same keys', async () => {
		const path = join(dir, 'secrets.json');
		const first = await loadKeys(ctx.handle, config({ DEMO_DATA: 'on', KEY_FILE: path }), { demo: true });
		expect(first.wrote).toEqual(['made']);
		expect(statSync(path).mode & 0o777).toBe(0o600);
		const file = readKeyFile(path)!.file;
		expect(file).toMatchObject({ format: 'klatiene-keys/1', demo: true });
		expect(file.sealing).toHaveLength(1);
		expect(file.sealing[0]).toMatchObject({ status: 'current', kid: first.secrets.sealingKey.kid });
		expect(file.personKeySecret!.length).toBeGreaterThanOrEqual(32);
		expect(file.qcSamplingSecret!.length).toBeGreaterThanOrEqual(32);
		expect(await secretRows()).toEqual([]);

		const box = await seal({ hello: 'world' }, first.secrets.sealingKey);
		// A later start outside the demo (the key file is named) finds the same keys.
		const again = await loadKeys(ctx.handle, config({ KEY_FILE: path }), { demo: false });
		expect(again.wrote).toEqual([]);
		expect(again.secrets.sealingKey).toEqual(first.secrets.sealingKey);
		expect(await again.secrets.openIdentity(box)).toEqual({ hello: 'world' });
		expect(again.secrets.personKey('16117519997')).toBe(first.secrets.personKey('16117519997'));
		expect(again.secrets.samplingSecret).toBe(first.secrets.samplingSecret);
		expect(again.secrets.source).toEqual({ sealing: 'file', personKey: 'file', sampling: 'file', keyFile: path });
	});

	it('instances starting the demo at once make one key file and all use it', async () => {
		const c = config({ DEMO_DATA: 'on', KEY_FILE: join(dir, 'secrets.json') });
		const all = await Promise.all([1, 2, 3].map(() => loadKeys(ctx.handle, c, { demo: true })));
		expect(new Set(all.map((k) => k.secrets.sealingKey.kid)).size).toBe(1);
		expect(new Set(all.map((k) => k.secrets.personKey('16117519997'))).size).toBe(1);
	});

	it('KEY_FILE is read outside the demo; the environment overrides it key by key; a missing one is named', async () => {
		const path = join(dir, 'deploy.json');
		writeFileSync(path, JSON.stringify(await newKeyFile(false)), { mode: 0o600 });
		const fromFile = await loadKeys(ctx.handle, config({ KEY_FILE: path }), { demo: false });
		expect(fromFile.secrets.sealingKey.kid).toBe(readKeyFile(path)!.file.sealing[0].kid);
		const mixed = await loadKeys(ctx.handle, config({ KEY_FILE: path, QC_SAMPLING_SECRET: 'e'.repeat(40) }), { demo: false });
		expect(mixed.secrets.source).toMatchObject({ sealing: 'file', personKey: 'file', sampling: 'env' });
		expect(mixed.secrets.samplingSecret).toBe('e'.repeat(40));
		expect(readFileSync(path, 'utf8')).not.toContain('e'.repeat(40));

		const missing = join(dir, 'nowhere.json');
		await expect(loadKeys(ctx.handle, config({ KEY_FILE: missing }), { demo: false })).rejects.toThrow(/not set/);
		writeFileSync(missing, '{"format":"something-else"}');
		await expect(loadKeys(ctx.handle, config({ KEY_FILE: missing }), { demo: false })).rejects.toThrow(/is not a Klātiene key file/);
	});

	it('an instance with another person-key secret than the database’s person keys were made with refuses to start', async () => {
		const first = await loadKeys(ctx.handle, config({ PERSON_KEY_SECRET: 'a'.repeat(40), KEY_FILE: join(dir, 'k.json'), DEMO_DATA: 'on' }), { demo: true });
		expect(first.secrets.personKey('16117519997')).toBe(createHmac('sha256', 'a'.repeat(40)).update('16117519997').digest('hex'));
		const other = config({ PERSON_KEY_SECRET: 'b'.repeat(40), KEY_FILE: join(dir, 'k.json') });
		await expect(loadKeys(ctx.handle, other, { demo: false })).rejects.toThrow(/PERSON_KEY_SECRET\) is not the one this database's person keys were made with/);
		// The check value in the database is not the secret, and neither opens nor names anyone.
		const checks = await ctx.db.selectFrom('key_check').selectAll().execute();
		expect(checks).toHaveLength(1);
		expect(checks[0].value).not.toContain('a'.repeat(40));
	});

	it('a key file other users can read works, with a warning that says how to fix it', async () => {
		const path = join(dir, 'open.json');
		writeFileSync(path, JSON.stringify(await newKeyFile(false)));
		chmodSync(path, 0o644);
		const keys = await loadKeys(ctx.handle, config({ KEY_FILE: path }), { demo: false });
		expect(keys.warnings).toEqual([expect.stringContaining(`chmod 600 ${path}`)]);
	});
});
