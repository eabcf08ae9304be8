import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKSTOP_PAGES } from '../../server/db/checkpointer';
import { connect, type DatabaseHandle } from '../../server/db/connect';

// SQLite only: the checkpoint thread is about SQLite's write-ahead log.
let dir = '';
let handle: DatabaseHandle | undefined;

afterEach(async () => {
	await handle?.destroy();
	handle = undefined;
	if (dir) rmSync(dir, { recursive: true, force: true });
});

async function fill(h: DatabaseHandle) {
	await sql`create table filler (id integer primary key, body text not null)`.execute(h.db);
	// About 2,500 pages of 4 KiB in several commits: past SQLite's default checkpoint (1,000
	// pages), below the backstop, so only the checkpoint thread copies them into the file.
	for (let batch = 0; batch < 25; batch++) {
		await h.db.transaction().execute(async (trx) => {
			for (let i = 0; i < 100; i++) await sql`insert into filler (body) values (${'x'.repeat(4000)})`.execute(trx);
		});
	}
}

const sizeOf = (file: string) => statSync(file).size;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('a thread of its own copies the write-ahead log into the database file, without the writer checkpointing', async () => {
	dir = mkdtempSync(join(tmpdir(), 'klatiene-ckpt-'));
	const file = join(dir, 'db.sqlite');
	handle = connect(`file:${file}`);
	// The writer itself checkpoints only past the backstop, far above what is written here.
	const auto = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(handle.db);
	expect(Number(auto.rows[0].wal_autocheckpoint)).toBe(BACKSTOP_PAGES);
	await fill(handle);
	let after = sizeOf(file);
	for (let i = 0; i < 50 && after < 8_000_000; i++) {
		await sleep(100);
		after = sizeOf(file);
	}
	expect(after).toBeGreaterThan(8_000_000);
	const rows = await sql<{ n: number }>`select count(*) as n from filler`.execute(handle.db);
	expect(Number(rows.rows[0].n)).toBe(2_500);
});

it('SQLITE_CHECKPOINT_THREAD=0 leaves checkpoints to the connection, as SQLite does by default', async () => {
	dir = mkdtempSync(join(tmpdir(), 'klatiene-ckpt-'));
	const file = join(dir, 'db.sqlite');
	process.env.SQLITE_CHECKPOINT_THREAD = '0';
	try {
		handle = connect(`file:${file}`);
	} finally {
		delete process.env.SQLITE_CHECKPOINT_THREAD;
	}
	await fill(handle);
	// The writer checkpointed at 1,000 pages inside a commit.
	expect(sizeOf(file)).toBeGreaterThan(4_000_000);
});
