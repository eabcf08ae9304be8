/**
 * How the production server (`node scripts/serve.mjs`, what `npm start` runs) starts, as an
 * operator sees it (issue 10 §3 and §6): on a fresh checkout it is the demo, with its key file
 * outside the database and a loud banner about the demo logins; given a database and no keys,
 * it refuses to start and says what to set.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppServer } from './app-server';

const SERVE = resolve('scripts/serve.mjs');

/** The environment of a shell with nothing of ours set. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const k of Object.keys(env)) {
		if (/^(DATABASE_URL|DEMO_DATA|KEY_FILE|SEALING_|PERSON_KEY_SECRET|QC_SAMPLING_SECRET)/.test(k)) delete env[k];
	}
	return { ...env, HOST: '127.0.0.1', NODE_ENV: 'production', ...extra };
}

function freePort(): Promise<number> {
	return new Promise((res, rej) => {
		const s = createServer();
		s.on('error', rej);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => res(port));
		});
	});
}

function run(cwd: string, env: NodeJS.ProcessEnv) {
	const child = spawn(process.execPath, [SERVE], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (out += d));
	const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
	return { child, exited, output: () => out };
}

test.describe('starting the server', () => {
	let dir: string;
	test.beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'klatiene-start-'));
	});
	test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

	test('on a fresh checkout it is the demo: ./data/secrets.json (0600) beside ./data/klatiene.db, and the banner', async () => {
		const port = await freePort();
		const server = run(dir, cleanEnv({ PORT: String(port), ORIGIN: `http://127.0.0.1:${port}` }));
		try {
			await expect.poll(() => server.output(), { timeout: 60_000 }).toMatch(/Listening on/);
			const out = server.output();
			expect(out).toMatch(/demo: made new keys in .*data\/secrets\.json/);
			expect(out).toMatch(/DEMO LOGINS ARE ACTIVE: 6 staff account/);
			const keyFile = join(dir, 'data', 'secrets.json');
			expect(statSync(keyFile).mode & 0o777).toBe(0o600);
			expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({ format: 'klatiene-keys/1', demo: true });
			expect(existsSync(join(dir, 'data', 'klatiene.db'))).toBe(true);
			const home = await fetch(`http://127.0.0.1:${port}/`);
			expect(home.status).toBe(200);
		} finally {
			server.child.kill('SIGTERM');
			await server.exited;
		}
	});

	test('given a DATABASE_URL and no keys, it refuses to start and names what to set (no stack trace)', async () => {
		const server = run(dir, cleanEnv({ PORT: '0', DATABASE_URL: `file:${join(dir, 'office.db')}` }));
		expect(await server.exited).toBe(1);
		const out = server.output();
		expect(out).toMatch(/cannot start: SEALING_PRIVATE_KEY, PERSON_KEY_SECRET, QC_SAMPLING_SECRET are not set/);
		expect(out).toMatch(/KEY_FILE/);
		expect(out).not.toMatch(/^\s+at /m);
		expect(out).not.toMatch(/DEMO LOGINS/);
		expect(existsSync(join(dir, 'secrets.json'))).toBe(false);
	});

	test('the browser tests’ servers: the demo on their own database, keys in a file beside it, the same after a restart', async () => {
		const app = await AppServer.launch();
		try {
			const path = join(app.dir, 'secrets.json');
			const before = readFileSync(path, 'utf8');
			expect(app.output()).toMatch(/DEMO LOGINS ARE ACTIVE/);
			await app.stop();
			await app.start();
			expect(readFileSync(path, 'utf8')).toBe(before);
		} finally {
			await app.dispose();
		}
	});
});
