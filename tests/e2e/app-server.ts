import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The real production server (`node scripts/serve.mjs`, as `npm start`) on its own port and its own SQLite database,
 * with the demo data (DEMO_DATA=on) and its key file in the same temporary folder.
 */
export class AppServer {
	readonly dir = mkdtempSync(join(tmpdir(), 'klatiene-e2e-'));
	readonly databaseUrl = `file:${join(this.dir, 'e2e.db')}`;
	private child: ChildProcess | null = null;
	private log = '';

	private constructor(readonly port: number) {}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	static async launch(extraEnv: Record<string, string> = {}): Promise<AppServer> {
		const server = await AppServer.create();
		await server.start(extraEnv);
		return server;
	}

	/** A server not started yet: its database can be prepared first (see `databaseUrl`). */
	static async create(): Promise<AppServer> {
		return new AppServer(await freePort());
	}

	async start(extraEnv: Record<string, string> = {}) {
		if (this.child) return;
		this.log = '';
		const child = spawn(process.execPath, ['scripts/serve.mjs'], {
			env: {
				...process.env,
				// The demo on this server's own database: demo logins, and a key file made beside it
				// (secrets.json in this.dir), never in the database (README "Keys").
				DEMO_DATA: 'on',
				...extraEnv,
				DATABASE_URL: this.databaseUrl,
				HOST: '127.0.0.1',
				PORT: String(this.port),
				ORIGIN: this.url,
				NODE_ENV: 'production'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout!.on('data', (d) => (this.log += d));
		child.stderr!.on('data', (d) => (this.log += d));
		this.child = child;
		const deadline = Date.now() + 30_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`server exited:\n${this.log}`);
			try {
				const r = await fetch(`${this.url}/api/health`);
				if (r.ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 150));
		}
		throw new Error(`server did not become healthy in 30 s:\n${this.log}`);
	}

	async stop() {
		const child = this.child;
		if (!child) return;
		this.child = null;
		if (child.exitCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
		if (child.exitCode === null) child.kill('SIGKILL');
	}

	output() {
		return this.log;
	}

	async dispose() {
		await this.stop();
		rmSync(this.dir, { recursive: true, force: true });
	}
}

function freePort(): Promise<number> {
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
