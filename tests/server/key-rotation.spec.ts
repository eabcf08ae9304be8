/**
 * Rotating the sealing key (`npm run admin -- rotate-keys`, issue 10 §3): a new key with a new
 * kid becomes current; boxes sealed to the old one (identities a device sealed before it pulled
 * the new key, QC phone numbers, everything already stored) still open with the old key, kept as
 * retired; devices receive the new key on their next pull; an export after rotation has every
 * identity. On SQLite and PostgreSQL.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newKeyFile, readKeyFile, replaceKeyFile } from '../../server/keys/key-file';
import { loadSecrets } from '../../server/keys/resolve';
import { boxesByKid, rotateSealingKey } from '../../server/keys/rotate';
import { parseCsv } from '../../server/services/admin/csv';
import { requestSignatureExport, startSignatureExport } from '../../server/services/admin/export';
import { changeInitiativeStatus } from '../../server/services/admin/initiatives';
import { seal } from '../../src/lib/domain/sealed-box';
import { adminActor, birthDateOf, personalCode, visit } from './admin-helpers';
import { createTestDatabase, describeEachDatabase } from './databases';
import { citizen, createTestApp, createWorld, HOUR, MINUTE, NOW, reasons, TestDevice, type TestApp, type World } from './kit';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
	return new Response(stream).text();
}

describeEachDatabase('sealing key rotation', (ctx) => {
	let dir: string;
	let path: string;
	let app: TestApp;
	let w: World;
	let kac: TestDevice;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'klatiene-rotate-'));
		path = join(dir, 'secrets.json');
		writeFileSync(path, JSON.stringify(await newKeyFile(false)), { mode: 0o600 });
		app = await createTestApp(ctx.handle, { env: { KEY_FILE: path }, testKeys: false });
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	/** The server restarts: it reads the key file again. */
	const restart = async () => {
		app.secrets = await loadSecrets(ctx.handle, app.config, { demo: false });
	};
	/** What the office PC receives at its next (signed) pull. */
	const pulledKey = async () => {
		const pulled = await kac.pull();
		expect(pulled.device.verified).toBe(true);
		return pulled.sealingKey;
	};
	const person = (n: number, extra = {}) => citizen({ personalCode: personalCode(n), birthDate: birthDateOf(personalCode(n)), givenName: `Persona${n}`, ...extra });

	it('a box sealed before still opens, new pulls get the new kid, QC phones open, and the export has everyone', async () => {
		const before = await pulledKey();
		expect(before.kid).toBe(readKeyFile(path)!.file.sealing[0].kid);
		// Visit 1 is pushed at once; visit 2 is sealed to the same key on an offline PC.
		expect((await visit(kac, { clerkId: w.clerkRiga, at: NOW - 3 * HOUR, initiatives: [w.national], person: person(1) })).result.ok).toBe(true);
		const offline = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - 2 * HOUR, box: await seal(person(2, { qcPhone: '+37122222222' }), before) });
		const offlineRecords = [offline.record, await kac.sign(offline.windowId, w.national, NOW - 2 * HOUR + MINUTE), await kac.close(offline.windowId, NOW - 2 * HOUR + 2 * MINUTE)];

		const rotated = await rotateSealingKey(path);
		if (!rotated.ok) throw new Error(rotated.reason);
		expect(rotated.retired?.kid).toBe(before.kid);
		expect(rotated.current.kid).not.toBe(before.kid);
		await restart();

		const after = await pulledKey();
		expect(after.kid).toBe(rotated.current.kid);
		expect(after.publicKey).not.toEqual(before.publicKey);
		expect(after.publicKey).not.toHaveProperty('d');
		// The PC comes back online with what it sealed to the old key: accepted.
		expect(reasons(await kac.push(offlineRecords))).toEqual(['accepted', 'accepted', 'accepted']);
		// A new visit is sealed to the new key.
		expect((await visit(kac, { clerkId: w.clerkRiga, at: NOW - HOUR, initiatives: [w.national], person: person(3) })).result.ok).toBe(true);
		const boxes = await ctx.db.selectFrom('signing_window').select('identity_box').orderBy('opened_at').execute();
		expect(boxes.map((b) => JSON.parse(b.identity_box).kid)).toEqual([before.kid, before.kid, after.kid]);

		// QC phone numbers: sealed by the server to the old key (visits 1, 2) and the new one (3).
		const phones = await ctx.db.selectFrom('qc_contact').select('phone_box').execute();
		const opened = await Promise.all(phones.map((p) => app.secrets.openIdentity(JSON.parse(p.phone_box))));
		expect(opened.sort()).toEqual(['+37122222222', '+37129876543', '+37129876543']);

		// The export after rotation opens every identity, whichever key it was sealed to.
		expect(await changeInitiativeStatus(app, w.national, 'closed', adminActor(w))).toMatchObject({ ok: true });
		const ticket = await requestSignatureExport(app, w.national, { reason: 'Iesniegšanai Saeimā pēc atslēgu maiņas', locale: 'lv' }, adminActor(w));
		if (!ticket.ok) throw new Error('no ticket');
		const started = await startSignatureExport(app, w.national, ticket.token, adminActor(w));
		if (!started.ok) throw new Error(started.problem);
		const rows = parseCsv(await readAll(started.stream));
		expect(rows.slice(1).map((r) => r[1])).toEqual(['Persona1', 'Persona2', 'Persona3']);
		const completed = await ctx.db.selectFrom('audit_log').select('details').where('action', '=', 'export.signatures.completed').executeTakeFirstOrThrow();
		expect(JSON.parse(completed.details)).toEqual({ rows: 3, unreadable: 0 });

		// What still needs the retired key, for the operator (keys-status).
		const counts = await boxesByKid(ctx.db, [before.kid, after.kid]);
		expect(counts.get(before.kid)).toBeGreaterThanOrEqual(4); // 2 identities, 2 phones (and their raw copies)
		expect(counts.get(after.kid)).toBeGreaterThanOrEqual(2);
	});

	it('the retired key is what opens the old boxes: dropped from the key file too early, they no longer open', async () => {
		const before = await pulledKey();
		await visit(kac, { clerkId: w.clerkRiga, at: NOW - 3 * HOUR, initiatives: [w.national], person: person(1) });
		await rotateSealingKey(path);
		const file = readKeyFile(path)!.file;
		replaceKeyFile(path, { ...file, sealing: file.sealing.filter((k) => k.status !== 'retired') });
		await restart();
		const box = await ctx.db.selectFrom('signing_window').select('identity_box').executeTakeFirstOrThrow();
		await expect(app.secrets.openIdentity(JSON.parse(box.identity_box))).rejects.toThrow(new RegExp(`unknown key \\(${before.kid}\\)`));
	});

	it('--stage (several instances): the staged key opens boxes before any device receives it; rotate-keys then makes it current', async () => {
		const staged = await rotateSealingKey(path, { stage: true });
		if (!staged.ok) throw new Error(staged.reason);
		await restart();
		// Not given out yet…
		expect((await pulledKey()).kid).not.toBe(staged.current.kid);
		// …but an instance already restarted with it could have: this one opens it.
		const early = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - HOUR, box: await seal(person(4), { kid: staged.current.kid, publicKey: { kty: 'EC', crv: 'P-256', x: staged.current.jwk.x, y: staged.current.jwk.y } }) });
		expect(reasons(await kac.push([early.record]))).toEqual(['accepted']);
		const promoted = await rotateSealingKey(path);
		if (!promoted.ok) throw new Error(promoted.reason);
		expect(promoted.current.kid).toBe(staged.current.kid);
		await restart();
		expect((await pulledKey()).kid).toBe(staged.current.kid);
		expect(readKeyFile(path)!.file.sealing.map((k) => k.status).sort()).toEqual(['current', 'retired']);
	});
});

// The commands only read and write the key file (keys-status also counts boxes, as boxesByKid
// above does on both databases), so they run once, on the embedded database.
describe('npm run admin -- rotate-keys / make-keys / keys-status', () => {
	let dir: string;
	let db: Awaited<ReturnType<typeof createTestDatabase>>;
	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'klatiene-rotate-cli-'));
		db = await createTestDatabase('sqlite');
	});
	afterEach(async () => {
		await db.drop();
		rmSync(dir, { recursive: true, force: true });
	});
	const admin = (env: Record<string, string>, ...args: string[]) => {
		const r = spawnSync('npx', ['tsx', 'server/cli/admin.ts', ...args], {
			env: { ...process.env, DATABASE_URL: db.url, DEMO_DATA: 'off', ...env },
			encoding: 'utf8'
		});
		return { code: r.status, out: r.stdout, err: r.stderr };
	};

	it('make a key file, rotate it, and report where each key is and what is sealed to it', { timeout: 120_000 }, async () => {
		const path = join(dir, 'secrets.json');
		const made = admin({}, 'make-keys', path);
		expect(made.code, made.err).toBe(0);
		expect(admin({}, 'make-keys', path).code).toBe(1); // never overwrites
		const first = readKeyFile(path)!.file;
		expect(first.demo).toBe(false);

		const rotated = admin({ KEY_FILE: path }, 'rotate-keys');
		expect(rotated.code, rotated.err).toBe(0);
		const second = readKeyFile(path)!.file;
		const current = second.sealing.find((k) => k.status === 'current')!;
		expect(rotated.out).toContain(current.kid);
		expect(second.sealing.find((k) => k.status === 'retired')!.kid).toBe(first.sealing[0].kid);
		expect(second.personKeySecret).toBe(first.personKeySecret);

		const status = admin({ KEY_FILE: path }, 'keys-status');
		expect(status.code, status.err).toBe(0);
		expect(status.out).toMatch(/Sealing key: +key file/);
		expect(status.out).toContain(`${current.kid}  current`);
		expect(status.out).toMatch(new RegExp(`${first.sealing[0].kid}  retired +0 sealed boxes`));
	});

	it('with the key in the environment, prints what to set and writes nothing', { timeout: 60_000 }, async () => {
		const path = join(dir, 'secrets.json');
		admin({}, 'make-keys', path);
		const file = readKeyFile(path)!.file;
		const text = readFileSync(path, 'utf8');
		const jwk = JSON.stringify({ ...file.sealing[0].jwk, kid: file.sealing[0].kid });
		const r = admin({ SEALING_PRIVATE_KEY: jwk, KEY_FILE: path }, 'rotate-keys');
		expect(r.code, r.err).toBe(0);
		expect(r.out).toMatch(/nothing was written/);
		const retired = JSON.parse(/SEALING_RETIRED_KEYS='(.*)'/.exec(r.out)![1]);
		expect(retired[0].kid).toBe(file.sealing[0].kid);
		expect(JSON.parse(/SEALING_PRIVATE_KEY='(.*)'/.exec(r.out)![1]).kid).not.toBe(file.sealing[0].kid);
		expect(readFileSync(path, 'utf8')).toBe(text);
	});
});
