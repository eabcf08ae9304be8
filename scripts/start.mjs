// `npm start`: build if the build is missing or older than the sources, then run the server
// (scripts/serve.mjs: the built app plus the catalog fast path; it migrates the database and,
// when it is the demo (DATABASE_URL unset, first start: server/keys/demo.ts), makes the key file
// data/secrets.json and loads the demo data) and print where it is, with the demo logins that work.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'server', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const s = statSync(path);
	if (!s.isDirectory()) return s.mtimeMs;
	let newest = s.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

const buildStamp = 'build/handler.js';
const stale = !existsSync(buildStamp) || Math.max(...SOURCES.map(newestMtime)) > statSync(buildStamp).mtimeMs;
if (stale) {
	console.log('[klatiene] building the app (first start or sources changed)…');
	const r = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '0.0.0.0';
const url = `http://localhost:${port}`;
// A person reads these logs: one readable line a record (server/log.ts), not JSON.
const env = { LOG_FORMAT: 'pretty', ...process.env, PORT: port, HOST: host };
if (!env.ORIGIN && !env.PROTOCOL_HEADER) env.ORIGIN = url;

const server = spawn(process.execPath, ['scripts/serve.mjs'], { stdio: ['inherit', 'pipe', 'inherit'], env });
let announced = false;
server.stdout.on('data', (chunk) => {
	process.stdout.write(chunk);
	if (!announced && /Listening on/.test(String(chunk))) {
		announced = true;
		console.log(`
  Klātiene is running at ${url}

    Public catalog        ${url}/
    Library info point    ${url}/info
    Office (KAC) mode     ${url}/kac         enroll a PC at ${url}/kac/enroll
    Receipt check         ${url}/receipt
    Back office           ${url}/admin
    Quality control       ${url}/qc
    Health                ${url}/api/health
`);
		// Demo logins and fresh enrollment codes, when the database holds the demo data.
		spawnSync('npx', ['tsx', 'server/cli/admin.ts', 'demo-info'], { stdio: 'inherit', env });
		console.log('');
	}
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
