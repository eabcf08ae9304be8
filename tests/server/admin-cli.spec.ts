/**
 * The back office's commands as an operator runs them (`npm run admin -- …`), against a test
 * database on each dialect: audit-verify, purge, backup, imports.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { beforeEach, expect, it } from 'vitest';
import { recordAudit } from '../../server/services/audit';
import { changeInitiativeStatus } from '../../server/services/admin/initiatives';
import { backupSqlite, BackupError } from '../../server/services/admin/backup';
import { adminActor, visit } from './admin-helpers';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, DAY, HOUR, NOW, TestDevice, type TestApp, type World } from './kit';

function admin(url: string, ...args: string[]) {
	const r = spawnSync('npx', ['tsx', 'server/cli/admin.ts', ...args], {
		env: { ...process.env, DATABASE_URL: url, DEMO_DATA: 'off' },
		encoding: 'utf8'
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

describeEachDatabase('admin: commands', (ctx) => {
	let app: TestApp;
	let w: World;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
	});

	it('audit-verify passes on an intact chain and fails, naming the seq, on an edited row', { timeout: 120_000 }, async () => {
		for (let i = 0; i < 3; i++) await recordAudit(ctx.db, { actorType: 'staff', actorId: w.admin, action: 'initiative.update', details: { i } }, NOW + i);
		const ok = admin(ctx.handle.url, 'audit-verify');
		expect(ok.code, ok.err).toBe(0);
		expect(ok.out).toMatch(/Audit log OK: \d+ entries/);

		const target = await ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'initiative.update').orderBy('seq').executeTakeFirstOrThrow();
		await ctx.db.updateTable('audit_log').set({ details: '{"i":42}' }).where('seq', '=', target.seq).execute();
		const broken = admin(ctx.handle.url, 'audit-verify');
		expect(broken.code).toBe(1);
		expect(broken.err).toContain(`BROKEN at seq ${target.seq}`);
		expect(broken.out.trim()).toBe(String(target.seq));
	});

	it('purge deletes identities past the retention period, and a second run has nothing to do', { timeout: 120_000 }, async () => {
		const device = await TestDevice.enroll(app, 'kac-riga');
		const v = await visit(device, { clerkId: w.clerkRiga, at: NOW - HOUR, initiatives: [w.national] });
		expect(v.result.results.map((r) => r.reason)).toEqual(['accepted', 'accepted', 'accepted']);
		await changeInitiativeStatus(app, w.national, 'closed', adminActor(w));
		await changeInitiativeStatus(app, w.national, 'submitted', adminActor(w));
		// The command runs on the real clock, long after our test clock's NOW.
		await ctx.db.updateTable('initiative').set({ submitted_at: Date.now() - 100 * DAY }).where('id', '=', w.national).execute();

		const dry = admin(ctx.handle.url, 'purge', '--dry-run');
		expect(dry.code, dry.err).toBe(0);
		expect(dry.out).toContain('national-one: submitted');
		expect(dry.out).toContain('would delete');

		const first = admin(ctx.handle.url, 'purge');
		expect(first.code, first.err).toBe(0);
		expect(first.out).toContain('national-one: deleted 1 identities, 1 person keys');
		const second = admin(ctx.handle.url, 'purge');
		expect(second.out, second.err).toContain('No submitted initiative is past 90 days with identities left.');
		const entries = await ctx.db.selectFrom('audit_log').select('actor_type').where('action', '=', 'retention.purge').execute();
		expect(entries).toEqual([{ actor_type: 'system' }]);
	});

	it('imports with a dry run from the command line; a bad row writes nothing', { timeout: 120_000 }, async () => {
		const dir = mkdtempSync(join(tmpdir(), 'klatiene-import-'));
		try {
			const file = join(dir, 'offices.csv');
			writeFileSync(file, 'slug;kind;name_lv;name_en;municipality;address;phone\nkac-jauns;kac;Jauns KAC;New KAC;riga;Iela 9;+371 60000009\nkac-slikts;kac;Slikts;Bad;Marss;Iela;+371 60000008\n');
			const bad = admin(ctx.handle.url, 'import-offices', file);
			expect(bad.code).toBe(1);
			expect(bad.out).toContain('line 3 kac-slikts: create — municipality: unknown_municipality');
			expect(bad.err).toContain('Nothing was written');
			expect(await ctx.db.selectFrom('office').select('id').where('slug', '=', 'kac-jauns').executeTakeFirst()).toBeUndefined();
			writeFileSync(file, 'slug;kind;name_lv;name_en;municipality;address;phone\nkac-jauns;kac;Jauns KAC;New KAC;riga;Iela 9;+371 60000009\n');
			expect(admin(ctx.handle.url, 'import-offices', file, '--dry-run').out).toContain('Dry run: 1 would be created');
			const ok = admin(ctx.handle.url, 'import-offices', file);
			expect(ok.code).toBe(0);
			expect(await ctx.db.selectFrom('office').select('slug').where('slug', '=', 'kac-jauns').executeTakeFirst()).toEqual({ slug: 'kac-jauns' });
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('backup makes a consistent copy while another connection writes (SQLite), or points to pg_dump', { timeout: 120_000 }, async () => {
		const dir = mkdtempSync(join(tmpdir(), 'klatiene-backup-'));
		try {
			const target = join(dir, 'copy.db');
			if (ctx.dialect === 'postgres') {
				await expect(backupSqlite(ctx.handle.url, target)).rejects.toThrow(BackupError);
				const r = admin(ctx.handle.url, 'backup', target);
				expect(r.code).toBe(1);
				expect(r.err).toContain('pg_dump');
				expect(existsSync(target)).toBe(false);
				return;
			}
			// Writes keep coming while the backup runs.
			let writing = true;
			let n = 0;
			const writer = (async () => {
				while (writing) {
					await recordAudit(ctx.db, { actorType: 'system', actorId: null, action: 'test.write', details: { n: n++ } }, NOW);
					await new Promise((r) => setImmediate(r));
				}
			})();
			const r = await backupSqlite(ctx.handle.url, target);
			writing = false;
			await writer;
			expect(r.integrity).toBe('ok');
			const copy = new SqliteDatabase(target, { readonly: true });
			try {
				const staff = copy.prepare('select count(*) as n from staff').get() as { n: number };
				expect(staff.n).toBe(4);
				// The copied audit log is one consistent prefix: its head matches its rows.
				const head = copy.prepare('select seq from audit_head').get() as { seq: number };
				const rows = copy.prepare('select count(*) as n, max(seq) as m from audit_log').get() as { n: number; m: number };
				expect(rows.n).toBe(head.seq);
				expect(rows.m).toBe(head.seq);
			} finally {
				copy.close();
			}
			// Never over an existing file.
			await expect(backupSqlite(ctx.handle.url, target)).rejects.toThrow(/exists already/);
			const cli = admin(ctx.handle.url, 'backup', join(dir, 'cli.db'));
			expect(cli.code).toBe(0);
			expect(cli.out).toContain('integrity check: ok');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
