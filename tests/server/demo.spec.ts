/**
 * Demo data only where a demo is meant (issue 10 §6): `npm start` on a fresh clone is still a
 * one-command demo, but a database someone gave the server never gets demo logins unless
 * DEMO_DATA=on says so, and a server with working demo logins says so loudly at every start.
 * The same notion of "running the demo" decides whether the server may make its own keys.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import type { App } from '../../server/app-context';
import { memoryLog } from './memory-log';
import { ConfigError, readConfig } from '../../server/config';
import { newKeyFile, readKeyFile } from '../../server/keys/key-file';
import { DEMO_LOGINS } from '../../server/seed/demo-staff';
import { deactivateStaff } from '../../server/services/staff';
import { describeEachDatabase } from './databases';
import { testKeyEnv } from './test-keys';

const count = async (app: App, table: 'initiative' | 'staff' | 'server_secret') =>
	(await app.database.db.selectFrom(table).selectAll().execute()).length;

let dir: string;
const apps: App[] = [];
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'klatiene-demo-'));
});
afterEach(async () => {
	for (const app of apps.splice(0)) await app.database.destroy();
	rmSync(dir, { recursive: true, force: true });
});

/** As `npm start` with DATABASE_URL unset: the default ./data/klatiene.db, here under a temporary folder. */
async function startDefault(env: Record<string, string> = {}) {
	const log = memoryLog();
	const app = await createApp({ ...readConfig(env), databaseUrl: `file:${join(dir, 'data', 'klatiene.db')}` }, log.logger);
	apps.push(app);
	return { app, log: log.text() };
}

describe('npm start on a fresh clone (the default embedded database)', () => {
	it('makes ./data/klatiene.db, loads the demo, makes data/secrets.json (0600) and says loudly that demo logins exist', async () => {
		const { app, log } = await startDefault();
		expect(await count(app, 'initiative')).toBeGreaterThan(0);
		expect(await count(app, 'staff')).toBe(DEMO_LOGINS.length);
		expect(await count(app, 'server_secret')).toBe(0);
		const path = join(dir, 'data', 'secrets.json');
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(readKeyFile(path)!.file).toMatchObject({ demo: true });
		expect(log).toMatch(/demo: made new keys in .*secrets\.json/);
		expect(log).toMatch(/DEMO LOGINS ARE ACTIVE: 6 staff account/);
		expect(log).toContain('admins, revidents, klerks.grobina');

		// The next start of the same demo: nothing seeded twice, the same keys, the banner again.
		const kid = app.secrets.sealingKey.kid;
		const initiatives = await count(app, 'initiative');
		await app.database.destroy();
		apps.splice(0);
		const again = await startDefault();
		expect(again.app.secrets.sealingKey.kid).toBe(kid);
		expect(await count(again.app, 'initiative')).toBe(initiatives);
		expect(again.log).toMatch(/DEMO LOGINS ARE ACTIVE/);
	});

	it('the banner lists only demo logins that still work: a deactivated one, or all gone, no longer warns', async () => {
		const { app } = await startDefault();
		const admin = await app.database.db.selectFrom('staff').select('id').where('username', '=', 'admins').executeTakeFirstOrThrow();
		await deactivateStaff(app.database.db, admin.id, Date.now());
		await app.database.destroy();
		apps.splice(0);
		const second = await startDefault();
		expect(second.log).toMatch(/DEMO LOGINS ARE ACTIVE: 5 staff account/);
		expect(second.log).not.toMatch(/\(admins,/);
		for (const s of await second.app.database.db.selectFrom('staff').select('id').execute()) {
			await deactivateStaff(second.app.database.db, s.id, Date.now());
		}
		await second.app.database.destroy();
		apps.splice(0);
		expect((await startDefault()).log).not.toMatch(/DEMO LOGINS/);
	});

	it('an existing default database without a key file is not a demo: it refuses to start rather than make new keys', async () => {
		const first = await startDefault({ DEMO_DATA: 'off', ...(await testKeyEnv()) });
		expect(await count(first.app, 'initiative')).toBe(0);
		await first.app.database.destroy();
		apps.splice(0);
		const error = await startDefault().catch((e) => e);
		expect(error).toBeInstanceOf(ConfigError);
		expect(error.message).toMatch(/SEALING_PRIVATE_KEY, PERSON_KEY_SECRET, QC_SAMPLING_SECRET are not set/);
	});

	it('a key file made for a deployment at data/secrets.json: a new default database gets no demo', async () => {
		const path = join(dir, 'data', 'secrets.json');
		mkdirSync(join(dir, 'data'));
		writeFileSync(path, JSON.stringify(await newKeyFile(false)), { mode: 0o600 });
		const { app, log } = await startDefault();
		expect(await count(app, 'initiative')).toBe(0);
		expect(await count(app, 'staff')).toBe(0);
		expect(log).not.toMatch(/DEMO/);
	});

	it('DEMO_DATA=off: no demo on a fresh default database either, and no keys are made', async () => {
		await expect(startDefault({ DEMO_DATA: 'off' })).rejects.toThrow(/are not set/);
	});
});

describeEachDatabase('a DATABASE_URL someone gave the server', (ctx) => {
	const start = async (env: Record<string, string>) => {
		const log = memoryLog();
		const app = await createApp(readConfig({ DATABASE_URL: ctx.handle.url, ...env }), log.logger);
		apps.push(app);
		return { app, log: log.text() };
	};

	it('is never seeded with DEMO_DATA=auto: without keys the server refuses to start; with keys it starts empty and quiet', async () => {
		await expect(start({})).rejects.toThrow(ConfigError);
		const { app, log } = await start(await testKeyEnv());
		expect(await count(app, 'initiative')).toBe(0);
		expect(await count(app, 'staff')).toBe(0);
		expect(log).not.toMatch(/demo/i);
	});

	it('gets the demo with DEMO_DATA=on, and its key file (KEY_FILE) outside the database', async () => {
		const path = join(dir, 'secrets.json');
		const { app, log } = await start({ DEMO_DATA: 'on', KEY_FILE: path });
		expect(await count(app, 'staff')).toBe(DEMO_LOGINS.length);
		expect(await count(app, 'server_secret')).toBe(0);
		expect(readKeyFile(path)!.file.demo).toBe(true);
		expect(log).toMatch(/DEMO LOGINS ARE ACTIVE/);
	});
});
