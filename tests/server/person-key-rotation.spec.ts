/**
 * A new person-key secret (`npm run admin -- rotate-keys --person-key`): every person key and QC
 * phone key is made again from the sealed identities, so deduplication and the shared-phone
 * signal go on as before; a server with the old secret refuses to start; an identity that
 * cannot be opened stops the whole change before anything is written. Both databases.
 */
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config';
import { newKeyFile, readKeyFile, replaceKeyFile } from '../../server/keys/key-file';
import { rekeyPersons } from '../../server/keys/rekey';
import { loadSecrets } from '../../server/keys/resolve';
import { phoneKeyOf } from '../../server/secrets';
import { generateSealingKeyPair, seal } from '../../src/lib/domain/sealed-box';
import { birthDateOf, personalCode, visit } from './admin-helpers';
import { createTestDatabase, describeEachDatabase } from './databases';
import { citizen, createTestApp, createWorld, HOUR, MINUTE, NOW, reasons, TestDevice, type TestApp, type World } from './kit';

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

describeEachDatabase('person-key secret rotation', (ctx) => {
	let dir: string;
	let path: string;
	let app: TestApp;
	let w: World;
	let kac: TestDevice;
	const anna = citizen({ personalCode: personalCode(1), birthDate: birthDateOf(personalCode(1)), qcPhone: '+37120000001' });
	const juris = citizen({ personalCode: personalCode(2), birthDate: birthDateOf(personalCode(2)), qcPhone: '+37120000001' });

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'klatiene-rekey-'));
		path = join(dir, 'secrets.json');
		writeFileSync(path, JSON.stringify(await newKeyFile(false)), { mode: 0o600 });
		app = await createTestApp(ctx.handle, { env: { KEY_FILE: path }, testKeys: false });
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
		await visit(kac, { clerkId: w.clerkRiga, at: NOW - 3 * HOUR, initiatives: [w.national, w.rigaOnly], person: anna });
		await visit(kac, { clerkId: w.clerkRiga, at: NOW - 2 * HOUR, initiatives: [w.national], person: juris });
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	const personKeys = async () => [
		...(await ctx.db.selectFrom('signing_window').select('person_key').orderBy('opened_at').execute()).map((r) => r.person_key),
		...(await ctx.db.selectFrom('signature').select('person_key').orderBy('signed_at').execute()).map((r) => r.person_key)
	];

	it('makes every key again from the sealed identities; deduplication and the shared phone go on; the old secret no longer starts', async () => {
		const oldSecret = readKeyFile(path)!.file.personKeySecret!;
		const before = await personKeys();
		const fresh = randomBytes(32).toString('base64url');
		const r = await rekeyPersons(ctx.db, app.secrets, fresh, NOW);
		expect(r).toEqual({ ok: true, windows: 2, signatures: 3, phones: 2 });
		const after = await personKeys();
		const [a, j] = [anna.personalCode, juris.personalCode].map((c) => hmac(fresh, c));
		expect(after).toEqual([a, j, a, a, j]);
		expect(after.some((k) => before.includes(k))).toBe(false);
		const phones = await ctx.db.selectFrom('qc_contact').select('phone_key').execute();
		expect(phones.map((p) => p.phone_key)).toEqual([phoneKeyOf(fresh, '+37120000001'), phoneKeyOf(fresh, '+37120000001')]);

		// The old secret is refused; the new one, once in the key file, is the one.
		await expect(loadSecrets(ctx.handle, app.config, { demo: false })).rejects.toThrow(ConfigError);
		expect(oldSecret).not.toBe(fresh);
		replaceKeyFile(path, { ...readKeyFile(path)!.file, personKeySecret: fresh });
		app.secrets = await loadSecrets(ctx.handle, app.config, { demo: false });
		// Anna signs the national initiative again on another PC: still a duplicate.
		const other = await TestDevice.enroll(app, 'kac-riga');
		const again = await other.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR, identity: anna });
		expect(reasons(await other.push([again.record, await other.sign(again.windowId, w.national, NOW - HOUR + MINUTE)]))).toEqual(['accepted', 'duplicate']);
	});

	it('an identity that cannot be opened stops it before anything changes', async () => {
		const stranger = await generateSealingKeyPair();
		const foreign = await kac.openWindow({
			clerkId: w.clerkRiga,
			openedAt: NOW - HOUR,
			box: await seal(citizen(), { kid: app.secrets.sealingKey.kid, publicKey: stranger.publicKey })
		});
		await kac.push([foreign.record]); // rejected (identity_unreadable): no person key, left alone
		// A window whose box no configured key opens any more (its retired key was dropped):
		const unopenable = await ctx.db.selectFrom('signing_window').select('identity_box').where('id', '=', foreign.windowId).executeTakeFirstOrThrow();
		const windows = await ctx.db.selectFrom('signing_window').select('id').where('person_key', 'is not', null).orderBy('opened_at').execute();
		await ctx.db.updateTable('signing_window').set({ identity_box: unopenable.identity_box }).where('id', '=', windows[1].id).execute();
		const before = await personKeys();
		const checkBefore = await ctx.db.selectFrom('key_check').selectAll().execute();
		const r = await rekeyPersons(ctx.db, app.secrets, randomBytes(32).toString('base64url'), NOW);
		expect(r).toEqual({ ok: false, reason: 'unreadable', table: 'signing_window', id: windows[1].id });
		expect(await personKeys()).toEqual(before);
		expect(await ctx.db.selectFrom('key_check').selectAll().execute()).toEqual(checkBefore);
		// The server still starts with its secret.
		await loadSecrets(ctx.handle, app.config, { demo: false });
	});
});

describe('npm run admin -- rotate-keys --person-key / --sampling', () => {
	it('re-keys the database and writes the new secrets to the key file', { timeout: 120_000 }, async () => {
		const db = await createTestDatabase('sqlite');
		const dir = mkdtempSync(join(tmpdir(), 'klatiene-rekey-cli-'));
		try {
			const path = join(dir, 'secrets.json');
			writeFileSync(path, JSON.stringify(await newKeyFile(false)), { mode: 0o600 });
			const app = await createTestApp(db, { env: { KEY_FILE: path }, testKeys: false });
			const w = await createWorld(app);
			const kac = await TestDevice.enroll(app, 'kac-riga');
			await visit(kac, { clerkId: w.clerkRiga, at: NOW - HOUR, initiatives: [w.national] });
			const before = readKeyFile(path)!.file;
			const run = (...args: string[]) =>
				spawnSync('npx', ['tsx', 'server/cli/admin.ts', 'rotate-keys', ...args], {
					env: { ...process.env, DATABASE_URL: db.url, DEMO_DATA: 'off', KEY_FILE: path },
					encoding: 'utf8'
				});
			const person = run('--person-key');
			expect(person.status, person.stderr).toBe(0);
			expect(person.stdout).toMatch(/Made again: 1 visits' person keys, 1 signatures' and 1 QC phone keys/);
			const after = readKeyFile(path)!.file;
			expect(after.personKeySecret).not.toBe(before.personKeySecret);
			expect(after.sealing).toEqual(before.sealing);
			const window = await db.db.selectFrom('signing_window').select('person_key').executeTakeFirstOrThrow();
			expect(window.person_key).toBe(hmac(after.personKeySecret!, '16117519997'));
			const sampling = run('--sampling');
			expect(sampling.status, sampling.stderr).toBe(0);
			expect(readKeyFile(path)!.file.qcSamplingSecret).not.toBe(before.qcSamplingSecret);
			expect(readKeyFile(path)!.file.personKeySecret).toBe(after.personKeySecret);
		} finally {
			await db.drop();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
