import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { checkReceipt } from '../../server/services/receipts';
import { describeEachDatabase } from './databases';
import { citizen, createTestApp, createWorld, MINUTE, NOW, TestDevice } from './kit';

/**
 * The server never stores a personal code, a name, a birth date or a phone number in plaintext: the dedupe
 * key is an HMAC, the identity and the QC phone are sealed. Checked on the bytes of the SQLite
 * file (and its WAL), and on every text column of every table in PostgreSQL.
 */
const people = [
	citizen(),
	citizen({ givenName: 'Ērika', surname: 'Ļaudupe', personalCode: '28079412344', birthDate: '1994-07-28', qcPhone: '+37126543210' }),
	citizen({ givenName: 'Gunārs', surname: 'Vītoliņš', personalCode: '32888777666', birthDate: '1990-02-03', qcPhone: '+37167000123' })
];

function needles(): string[] {
	const out: string[] = [];
	for (const p of people) {
		out.push(p.personalCode, `${p.personalCode.slice(0, 6)}-${p.personalCode.slice(6)}`);
		out.push(p.givenName, p.surname, p.documentNumber);
		out.push(p.qcPhone!, p.qcPhone!.replace('+371', ''));
		// Nor the birth date: beside a person key it narrows an old-format code to ~1,000 candidates.
		out.push(p.birthDate, p.birthDate.split('-').reverse().join('.'));
	}
	return out;
}

describeEachDatabase('no personal data in plaintext', (ctx) => {
	it('after whole visits, QC consent, a receipt check and a rejected batch, no personal code, name or phone is stored readable', async () => {
		const app = await createTestApp(ctx.handle);
		const w = await createWorld(app);
		const kac = await TestDevice.enroll(app, 'kac-riga');
		const records = [];
		let t = NOW - 3 * 60 * MINUTE;
		const receipts: string[] = [];
		for (const person of people) {
			const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t, identity: person });
			receipts.push(win.receiptCode);
			records.push(win.record, await kac.sign(win.windowId, w.national, t + MINUTE), await kac.close(win.windowId, t + 2 * MINUTE));
			t += 20 * MINUTE;
		}
		const result = await kac.push(records);
		expect(result.ok).toBe(true);
		expect(result.results.every((r) => r.state === 'accepted')).toBe(true);
		expect(await ctx.db.selectFrom('qc_contact').selectAll().execute()).toHaveLength(3);
		for (const code of receipts) expect((await checkReceipt(app, { code }, 'ip')).ok).toBe(true);
		// A quarantined batch is stored raw too: it must be as opaque.
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: t, identity: people[0] });
		const batch = await kac.batch([win.record]);
		await import('../../server/services/sync').then(({ pushRecords }) =>
			pushRecords(app, { ...batch, records: [{ ...(batch.records[0] as object), seq: 'x' }] as never })
		);

		let haystack: Buffer;
		if (ctx.dialect === 'sqlite') {
			const file = ctx.handle.file!;
			await ctx.handle.destroy(); // checkpoints the WAL into the file
			const dir = dirname(file);
			haystack = Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
			expect(haystack.length).toBeGreaterThan(50_000);
			// The check can see text: the demo initiative title is there in the clear.
			expect(haystack.includes(Buffer.from('Iniciatīva national-one'))).toBe(true);
		} else {
			const tables = await sql<{ table_name: string }>`
				select table_name from information_schema.tables
				where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(ctx.db);
			const parts: string[] = [];
			for (const { table_name } of tables.rows) {
				const rows = await sql<{ row: string }>`select row_to_json(t)::text as row from ${sql.table(table_name)} t`.execute(ctx.db);
				parts.push(...rows.rows.map((r) => r.row));
			}
			haystack = Buffer.from(parts.join('\n'));
			expect(haystack.toString()).toContain('Iniciatīva national-one');
		}
		for (const needle of needles()) {
			expect(haystack.includes(Buffer.from(needle, 'utf8')), `found "${needle}" in the database`).toBe(false);
		}
	});
});
