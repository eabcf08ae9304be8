/**
 * Someone holds a copy of the database after a signing day (issue 10 §3, DESIGN §4 "Keys"): the
 * SQLite file and its log, or `npm run admin -- backup`'s copy, or every row of every table of
 * the PostgreSQL schema (what pg_dump holds). They do what an attacker would: look for the
 * keys, try every string in it as the sealing key (against the identities), as the person-key
 * secret (against the person keys of the people who signed) and as the QC sampling secret
 * (against the stored scores). Nothing opens, nothing matches. The same search run on the copy
 * plus the key file finds the keys at once: the search itself works.
 */
import * as nodeCrypto from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { newKeyFile, type KeyFile } from '../../server/keys/key-file';
import { makeBoxOpener } from '../../server/node-crypto';
import { backupSqlite } from '../../server/services/admin/backup';
import { refreshQc } from '../../server/services/qc/frame';
import { scoreWith } from '../../server/services/qc/sampling-key';
import { checkReceipt } from '../../server/services/receipts';
import type { Identity } from '../../src/lib/domain/identity';
import type { SealedBox } from '../../src/lib/domain/sealed-box';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, HOUR, MINUTE, TestDevice } from './kit';
import { person, visit } from './qc-kit';

/** What the copy holds that a key would unlock: read from the copy itself. */
interface Targets {
	boxes: SealedBox[];
	personKeys: Set<string>;
	scores: { windowId: string; score: number }[];
}

interface Findings {
	secretsSeen: string[];
	privateJwkMembers: number;
	openingKeys: number;
	personKeySecrets: number;
	samplingSecrets: number;
	reversedPeople: number;
	birthDatesSeen: string[];
}

/** The attacker's search over the text of the copy. */
function attack(text: string, targets: Targets, people: Identity[], keyFile: KeyFile): Findings {
	const tokens = new Set(text.match(/[A-Za-z0-9_\-+/=]{16,}/g) ?? []);
	const box = targets.boxes[0];
	let openingKeys = 0;
	let personKeySecrets = 0;
	let samplingSecrets = 0;
	const reversed = new Set<string>();
	for (const token of tokens) {
		// As a sealing private key: a P-256 scalar is 43 base64url characters.
		if (token.length === 43) {
			try {
				makeBoxOpener(nodeCrypto, token)(box);
				openingKeys++;
			} catch {
				// not the key
			}
		}
		// As the person-key secret: the person keys of everyone who signed, from their codes.
		const hits = people.filter((p) => targets.personKeys.has(nodeCrypto.createHmac('sha256', token).update(p.personalCode).digest('hex')));
		if (hits.length) personKeySecrets++;
		for (const p of hits) reversed.add(p.personalCode);
		// As the sampling secret: the scores stored for the visits.
		if (targets.scores.some((s) => scoreWith(token, s.windowId) === s.score)) samplingSecrets++;
	}
	const secrets = [keyFile.personKeySecret!, keyFile.qcSamplingSecret!, ...keyFile.sealing.map((k) => k.jwk.d)];
	const dates = people.flatMap((p) => [p.birthDate, p.birthDate.split('-').reverse().join('.')]);
	return {
		secretsSeen: secrets.filter((s) => text.includes(s)),
		privateJwkMembers: (text.match(/"d"\s*:\s*"[A-Za-z0-9_-]{40,}"/g) ?? []).length,
		openingKeys,
		personKeySecrets,
		samplingSecrets,
		reversedPeople: reversed.size,
		birthDatesSeen: dates.filter((d) => text.includes(d))
	};
}

const NOTHING: Findings = {
	secretsSeen: [],
	privateJwkMembers: 0,
	openingKeys: 0,
	personKeySecrets: 0,
	samplingSecrets: 0,
	reversedPeople: 0,
	birthDatesSeen: []
};

describeEachDatabase('a stolen copy of the database', (ctx) => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'klatiene-stolen-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('after a signing day, opens no identity and reverses no person key without the key file', { timeout: 60_000 }, async () => {
		const keyFilePath = join(dir, 'secrets.json');
		const keyFile = await newKeyFile(false);
		writeFileSync(keyFilePath, JSON.stringify(keyFile), { mode: 0o600 });
		// Mondays 08:00-17:00 are the kit offices' hours: 23 Nov 2026 from 10:00 in Rīga.
		const day = Date.UTC(2026, 10, 23, 8);
		const app = await createTestApp(ctx.handle, { now: day + 8 * HOUR, env: { KEY_FILE: keyFilePath }, testKeys: false });
		const w = await createWorld(app);
		const kac = await TestDevice.enroll(app, 'kac-riga');
		const people = Array.from({ length: 8 }, (_, i) => person(i % 3 === 2 ? { qcPhone: null, qcConsent: false } : {}));
		const receipts: string[] = [];
		for (const [i, p] of people.entries()) {
			const v = await visit(app, kac, w.clerkRiga, [w.national, w.rigaOnly], day + i * 30 * MINUTE, { identity: p });
			receipts.push(v.receiptCode);
		}
		await refreshQc(app);
		for (const code of receipts.slice(0, 2)) expect((await checkReceipt(app, { code }, '10.0.0.9')).ok).toBe(true);

		const targets: Targets = {
			boxes: (await ctx.db.selectFrom('signing_window').select('identity_box').execute()).map((r) => JSON.parse(r.identity_box)),
			personKeys: new Set((await ctx.db.selectFrom('signature').select('person_key').execute()).map((r) => r.person_key!)),
			scores: (await ctx.db.selectFrom('qc_visit').select(['window_id', 'score']).execute()).map((r) => ({ windowId: r.window_id, score: Number(r.score) }))
		};
		expect(targets.boxes).toHaveLength(8);
		expect(targets.personKeys.size).toBe(8);
		expect(targets.scores).toHaveLength(8);

		let copies: { name: string; text: string }[];
		if (ctx.dialect === 'sqlite') {
			// The backup command's copy, made while the server runs…
			const backup = join(dir, 'backup.db');
			await backupSqlite(ctx.handle.url, backup);
			// …and the database file with its log, as a copy of the folder would have them.
			const folder = dirname(ctx.handle.file!);
			const files = readdirSync(folder).map((f) => readFileSync(join(folder, f)));
			copies = [
				{ name: 'backup', text: readFileSync(backup).toString('latin1') },
				{ name: 'data folder', text: Buffer.concat(files).toString('latin1') }
			];
			expect(copies[0].text).toContain('national-one');
		} else {
			const tables = await sql<{ table_name: string }>`
				select table_name from information_schema.tables
				where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(ctx.db);
			const parts: string[] = [];
			for (const { table_name } of tables.rows) {
				const rows = await sql<{ row: string }>`select row_to_json(t)::text as row from ${sql.table(table_name)} t`.execute(ctx.db);
				parts.push(...rows.rows.map((r) => r.row));
			}
			copies = [{ name: 'every row of every table', text: parts.join('\n') }];
		}

		for (const copy of copies) {
			expect(copy.text.length, copy.name).toBeGreaterThan(10_000);
			expect(attack(copy.text, targets, people, keyFile), copy.name).toEqual(NOTHING);
		}
		// The same search with the key file beside the copy finds every key: it would have
		// caught a key left in the database.
		const withKeys = attack(copies[0].text + readFileSync(keyFilePath, 'utf8'), targets, people, keyFile);
		expect(withKeys).toMatchObject({ openingKeys: 1, personKeySecrets: 1, samplingSecrets: 1, reversedPeople: 8, privateJwkMembers: 1 });
		expect(withKeys.secretsSeen).toHaveLength(3);
	});
});
