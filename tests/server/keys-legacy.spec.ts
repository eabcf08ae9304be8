/**
 * An install made by an earlier version kept its keys in `server_secret`. It must not lose its
 * identities: the keys are moved out to the key file once, deleted from the database, and the
 * database file no longer holds them (issue 10 §3).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { memoryLog } from './memory-log';
import { ConfigError, readConfig } from '../../server/config';
import { jwkThumbprint } from '../../server/keys/jwk';
import { readKeyFile } from '../../server/keys/key-file';
import { loadKeys } from '../../server/keys/resolve';
import { generateSealingKeyPair, seal, type SealingKey } from '../../src/lib/domain/sealed-box';
import { createTestDatabase, describeEachDatabase } from './databases';

interface Legacy {
	jwk: JsonWebKey & { kid: string };
	key: SealingKey;
	person: string;
	sampling: string;
}

async function legacyKeys(): Promise<Legacy> {
	const pair = await generateSealingKeyPair();
	const kid = jwkThumbprint(pair.publicKey);
	return {
		jwk: { ...pair.privateKey, kid },
		key: { kid, publicKey: pair.publicKey },
		person: randomBytes(32).toString('base64url'),
		sampling: randomBytes(32).toString('base64url')
	};
}

describeEachDatabase('keys an earlier version kept in the database', (ctx) => {
	let dir: string;
	let legacy: Legacy;
	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'klatiene-legacy-'));
		legacy = await legacyKeys();
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	/** As the earlier version stored them (server/secrets.ts before issue 10). */
	async function storeLegacy(names: ('sealing' | 'person' | 'sampling')[] = ['sealing', 'person', 'sampling']) {
		const rows = {
			sealing: { name: 'sealing_private_key', value: JSON.stringify(legacy.jwk) },
			person: { name: 'person_key_secret', value: legacy.person },
			sampling: { name: 'qc_sampling_secret', value: legacy.sampling }
		};
		for (const n of names) await ctx.db.insertInto('server_secret').values({ ...rows[n], created_at: 1 }).execute();
	}
	const rows = () => ctx.db.selectFrom('server_secret').select('name').orderBy('name').execute();
	const config = (env: Record<string, string> = {}) => readConfig({ DATABASE_URL: ctx.handle.url, ...env });

	it('are moved to the key file once and deleted; every identity still opens and every person key is the same', async () => {
		await storeLegacy();
		const box = await seal({ givenName: 'Anna' }, legacy.key);
		const path = join(dir, 'secrets.json');
		const moved = await loadKeys(ctx.handle, config({ KEY_FILE: path }), { demo: false });
		expect(moved.wrote).toEqual(['moved']);
		expect(moved.movedFromDatabase.sort()).toEqual(['person_key_secret', 'qc_sampling_secret', 'sealing_private_key']);
		expect(await rows()).toEqual([]);
		expect(statSync(path).mode & 0o777).toBe(0o600);
		const file = readKeyFile(path)!.file;
		expect(file).toMatchObject({ demo: false, personKeySecret: legacy.person, qcSamplingSecret: legacy.sampling });
		expect(file.sealing).toEqual([expect.objectContaining({ status: 'current', kid: legacy.key.kid })]);

		const s = moved.secrets;
		expect(s.sealingKey.kid).toBe(legacy.key.kid);
		expect(await s.openIdentity(box)).toEqual({ givenName: 'Anna' });
		expect(s.personKey('16117519997')).toBe(createHmac('sha256', legacy.person).update('16117519997').digest('hex'));
		expect(s.samplingSecret).toBe(legacy.sampling);

		// The next start reads the file and changes nothing.
		const again = await loadKeys(ctx.handle, config({ KEY_FILE: path }), { demo: false });
		expect(again.wrote).toEqual([]);
		expect(again.movedFromDatabase).toEqual([]);
		expect(await again.secrets.openIdentity(box)).toEqual({ givenName: 'Anna' });

		if (ctx.dialect === 'sqlite') {
			// Deleted is not enough: the file and its log are rewritten without them.
			const dbFile = ctx.handle.file!;
			await ctx.handle.destroy();
			const bytes = Buffer.concat(readdirSync(dirname(dbFile)).map((f) => readFileSync(join(dirname(dbFile), f))));
			for (const secret of [legacy.person, legacy.sampling, String(legacy.jwk.d)]) {
				expect(bytes.includes(Buffer.from(secret)), 'a moved key is still in the database file').toBe(false);
			}
		}
	});

	it('with no key file to move them to, the server refuses to start and nothing is deleted', async () => {
		await storeLegacy();
		const error = await loadKeys(ctx.handle, config(), { demo: false }).catch((e) => e);
		expect(error).toBeInstanceOf(ConfigError);
		expect(error.message).toMatch(/still holds keys .* set KEY_FILE/);
		expect((await rows()).length).toBe(3);
	});

	it('a person-key secret that differs from the configured one stops the server; nothing is moved or deleted', async () => {
		await storeLegacy();
		const path = join(dir, 'secrets.json');
		const other = config({ KEY_FILE: path, PERSON_KEY_SECRET: 'z'.repeat(40) });
		await expect(loadKeys(ctx.handle, other, { demo: false })).rejects.toThrow(/differs from PERSON_KEY_SECRET/);
		expect((await rows()).length).toBe(3);
		expect(readKeyFile(path)).toBeNull();
	});

	it('a stored sealing key other than the configured one is kept as retired: what was sealed to it still opens', async () => {
		await storeLegacy(['sealing']);
		const box = await seal({ givenName: 'Ilze' }, legacy.key);
		const current = await generateSealingKeyPair();
		const path = join(dir, 'secrets.json');
		const env = { KEY_FILE: path, SEALING_PRIVATE_KEY: JSON.stringify(current.privateKey), PERSON_KEY_SECRET: 'p'.repeat(40) };
		const keys = await loadKeys(ctx.handle, config(env), { demo: false });
		expect(keys.secrets.sealingKey.kid).toBe(jwkThumbprint(current.publicKey));
		expect(await keys.secrets.openIdentity(box)).toEqual({ givenName: 'Ilze' });
		expect(readKeyFile(path)!.file.sealing).toEqual([expect.objectContaining({ status: 'retired', kid: legacy.key.kid })]);
		// The sampling secret was never made by the old version (QC had not run): a new one is.
		expect(readKeyFile(path)!.file.qcSamplingSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(await rows()).toEqual([]);
	});
});

describe('an earlier demo install, started again (the default embedded database)', () => {
	it('moves its keys to data/secrets.json beside the default database, without being told where', async () => {
		const db = await createTestDatabase('sqlite');
		const ctx = { db: db.db, handle: db };
		const legacy = await legacyKeys();
		for (const [name, value] of [
			['sealing_private_key', JSON.stringify(legacy.jwk)],
			['person_key_secret', legacy.person]
		]) {
			await ctx.db.insertInto('server_secret').values({ name, value, created_at: 1 }).execute();
		}
		const box = await seal({ givenName: 'Jānis' }, legacy.key);
		const file = ctx.handle.file!;
		await ctx.handle.destroy();
		// DATABASE_URL not set: the default embedded database (here in a temporary folder).
		const log = memoryLog();
		const app = await createApp({ ...readConfig({}), databaseUrl: `file:${file}` }, log.logger);
		try {
			const path = join(dirname(file), 'secrets.json');
			expect(readKeyFile(path)!.file).toMatchObject({ personKeySecret: legacy.person, demo: false });
			expect(await app.secrets.openIdentity(box)).toEqual({ givenName: 'Jānis' });
			expect(await app.database.db.selectFrom('server_secret').selectAll().execute()).toEqual([]);
			expect(log.text()).toMatch(/moved the keys an earlier version kept in the database .* to .*secrets\.json/);
			// Not a fresh demo: nothing was seeded into it.
			expect(await app.database.db.selectFrom('initiative').selectAll().execute()).toEqual([]);
		} finally {
			await app.database.destroy();
			await db.drop();
		}
	});
});
