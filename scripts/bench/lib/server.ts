/**
 * The built app as `npm start` runs it (`node scripts/serve.mjs`) as a child process on 127.0.0.1, on a given database; and the
 * build itself, made when missing or older than the sources (as `npm start` does).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { benchKeyEnv } from './keys';

const SOURCES = ['src', 'server', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0;
	const s = statSync(path);
	if (!s.isDirectory()) return s.mtimeMs;
	let newest = s.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

/** Builds the app unless `build/` is newer than every source. Returns whether it built. */
export function ensureBuild(root: string, log: (s: string) => void): boolean {
	const stamp = join(root, 'build/handler.js');
	const manifest = join(root, '.svelte-kit/output/server/manifest.js');
	const fresh =
		existsSync(stamp) &&
		existsSync(manifest) &&
		Math.max(...SOURCES.map((s) => newestMtime(join(root, s)))) <= statSync(stamp).mtimeMs;
	if (fresh) return false;
	log('building the app (missing or older than the sources)…');
	const r = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	if (r.status !== 0) throw new Error('vite build failed');
	return true;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.unref();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

export class AppProcess {
	private log = '';
	private constructor(
		readonly url: string,
		private readonly child: ChildProcess
	) {}

	get pid() {
		return this.child.pid!;
	}

	/** `BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles the servers the bench starts. */
	static async start(root: string, databaseUrl: string, env: Record<string, string> = {}): Promise<AppProcess> {
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
		const child = spawn(process.execPath, [...nodeArgs, 'scripts/serve.mjs'], {
			cwd: root,
			env: {
				...process.env,
				...(await benchKeyEnv()),
				...env,
				DATABASE_URL: databaseUrl,
				DEMO_DATA: 'off',
				HOST: '127.0.0.1',
				PORT: String(port),
				ORIGIN: url,
				NODE_ENV: 'production'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const app = new AppProcess(url, child);
		child.stdout!.on('data', (d) => (app.log += d));
		child.stderr!.on('data', (d) => (app.log += d));
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`server exited:\n${app.log}`);
			try {
				if ((await fetch(`${url}/api/health`)).ok) return app;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 150));
		}
		await app.stop();
		throw new Error(`server did not become healthy in 60 s:\n${app.log}`);
	}

	/** Peak resident memory of the server process so far (VmHWM), in bytes. */
	peakRss(): number {
		try {
			const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
			const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
			return kb * 1024;
		} catch {
			return 0;
		}
	}

	output() {
		return this.log;
	}

	async stop() {
		const child = this.child;
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	}
}
