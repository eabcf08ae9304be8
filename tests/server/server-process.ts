/**
 * Real server processes for integration tests that must go through HTTP: the built app
 * (`build/`, used when it is newer than the sources; otherwise built into a temporary copy of
 * the repository, so a developer's own `build/` is never touched) run as `npm start` runs it,
 * `node scripts/serve.mjs`, or as `node build`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testKeyEnv } from './test-keys';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCES = ['src', 'server', 'static', 'scripts', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0;
	const s = statSync(path);
	if (!s.isDirectory()) return s.mtimeMs;
	let newest = s.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

/** The directory holding an up-to-date `build/` (the repository's own, or a fresh temporary one). */
export function builtApp(): { dir: string; cleanup(): void } {
	const stamp = join(ROOT, 'build/handler.js');
	const newestSource = Math.max(...SOURCES.filter((s) => s !== 'scripts').map((s) => newestMtime(join(ROOT, s))));
	if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource) return { dir: ROOT, cleanup() {} };
	const dir = mkdtempSync(join(tmpdir(), 'klatiene-built-'));
	// vite.config.ts imports the release rehearsal's build plugin from tests/e2e/release.
	for (const entry of [...SOURCES, 'tsconfig.json', 'tests/e2e/release']) {
		if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
	}
	symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
	const r = spawnSync('npx', ['vite', 'build'], { cwd: dir, encoding: 'utf8', env: { ...process.env, VITEST: '' } });
	if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
	return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function freePort(): Promise<number> {
	return new Promise((res, rej) => {
		const s = createServer();
		s.on('error', rej);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => res(port));
		});
	});
}

/** One server process on its own port, started from a built app directory. */
export class ServerProcess {
	log = '';

	private constructor(
		readonly url: string,
		readonly child: ChildProcess
	) {
		child.stdout!.on('data', (d) => (this.log += d));
		child.stderr!.on('data', (d) => (this.log += d));
	}

	/** `entry`: 'scripts/serve.mjs' (what `npm start` runs) or 'build' (adapter-node's own server). */
	static async start(dir: string, databaseUrl: string, o: { entry?: string; env?: Record<string, string> } = {}): Promise<ServerProcess> {
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const child = spawn(process.execPath, [o.entry ?? 'scripts/serve.mjs'], {
			cwd: dir,
			env: { ...process.env, ...(await testKeyEnv()), DATABASE_URL: databaseUrl, DEMO_DATA: 'off', HOST: '127.0.0.1', PORT: String(port), ORIGIN: url, NODE_ENV: 'production', ...o.env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const server = new ServerProcess(url, child);
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`server exited:\n${server.log}`);
			try {
				if ((await fetch(`${url}/api/health`)).ok) return server;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 150));
		}
		throw new Error(`server did not start in 60 s:\n${server.log}`);
	}

	get running(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	async stop() {
		if (!this.running) return;
		const exited = new Promise((r) => this.child.once('exit', r));
		this.child.kill('SIGTERM');
		await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
		if (this.running) this.child.kill('SIGKILL');
	}
}
