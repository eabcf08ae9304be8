import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { appendAudit, recordAudit, verifyAuditChain } from '../../server/services/audit';
import { describeEachDatabase } from './databases';

const T = Date.UTC(2026, 10, 28, 9, 0);

describeEachDatabase('audit log', (ctx) => {
	it('an empty log verifies', async () => {
		expect(await verifyAuditChain(ctx.db)).toEqual({ ok: true, entries: 0, head: '0'.repeat(64) });
	});

	it('entries are numbered from 1, linked, and the chain verifies', async () => {
		for (let i = 0; i < 5; i++) {
			await recordAudit(ctx.db, { actorType: 'staff', actorId: 'admin-1', action: 'initiative.update', subjectType: 'initiative', subjectId: `i-${i}`, details: { field: 'goal', n: i } }, T + i);
		}
		const rows = await ctx.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
		expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
		expect(rows[1].prev_hash).toBe(rows[0].hash);
		const verdict = await verifyAuditChain(ctx.db, 2);
		expect(verdict).toMatchObject({ ok: true, entries: 5, head: rows[4].hash });
	});

	it('an edited row breaks the chain at that row', async () => {
		for (let i = 0; i < 4; i++) await recordAudit(ctx.db, { actorType: 'system', actorId: null, action: 'purge', details: { n: i } }, T);
		await ctx.db.updateTable('audit_log').set({ details: '{"n":99}' }).where('seq', '=', 3).execute();
		expect(await verifyAuditChain(ctx.db)).toEqual({ ok: false, entries: 2, brokenAt: 3, problem: 'hash' });
	});

	it('a deleted row is found as a gap', async () => {
		for (let i = 0; i < 4; i++) await recordAudit(ctx.db, { actorType: 'system', actorId: null, action: 'purge', details: { n: i } }, T);
		await ctx.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
		expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: false, brokenAt: 2, problem: 'gap' });
	});

	it('a rewritten row with a recomputed hash still breaks the next link', async () => {
		for (let i = 0; i < 3; i++) await recordAudit(ctx.db, { actorType: 'system', actorId: null, action: 'purge', details: { n: i } }, T);
		await ctx.db.updateTable('audit_log').set({ hash: 'f'.repeat(64) }).where('seq', '=', 2).execute();
		const verdict = await verifyAuditChain(ctx.db);
		expect(verdict.ok).toBe(false);
		expect(verdict).toMatchObject({ brokenAt: 2 });
	});

	it('an entry rolls back with the transaction it belongs to', async () => {
		await ctx.db
			.transaction()
			.execute(async (trx) => {
				await appendAudit(trx, { actorType: 'staff', actorId: 'a', action: 'export.signatures' }, T);
				throw new Error('export failed');
			})
			.catch(() => undefined);
		const n = await sql<{ n: number }>`select count(*) as n from audit_log`.execute(ctx.db);
		expect(Number(n.rows[0].n)).toBe(0);
		await recordAudit(ctx.db, { actorType: 'staff', actorId: 'a', action: 'x' }, T);
		expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, entries: 1 });
	});

	it('concurrent appends never fork the chain', async () => {
		await Promise.all(
			Array.from({ length: 20 }, (_, i) => recordAudit(ctx.db, { actorType: 'device', actorId: `d${i % 3}`, action: 'sync.push', details: { i } }, T + i))
		);
		expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, entries: 20 });
	});
});
