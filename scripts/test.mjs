// `npm test`: type checks, a production build, unit and integration tests (SQLite, and
// PostgreSQL when TEST_DATABASE_URL is set), then Playwright against that build.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './ensure-chromium.mjs';

// The build comes before Vitest: the scale-out test starts real `node build` servers.
const steps = [
	['type check', 'npm', ['run', 'check']],
	['build', 'npx', ['vite', 'build']],
	['unit and integration tests', 'npx', ['vitest', 'run']],
	['browser tests', 'npx', ['playwright', 'test']]
];

const only = process.argv.slice(2);
ensureChromium();
if (process.env.TEST_DATABASE_URL) {
	console.log(`[test] PostgreSQL tests enabled: ${process.env.TEST_DATABASE_URL.replace(/:[^:@/]*@/, '@')}`);
} else {
	console.log('[test] TEST_DATABASE_URL not set: integration tests run on SQLite only.');
}

for (const [name, cmd, args] of steps) {
	if (only.length && !only.some((o) => name.includes(o))) continue;
	console.log(`\n[test] ── ${name} ──`);
	const started = Date.now();
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
	const secs = ((Date.now() - started) / 1000).toFixed(0);
	if (r.status !== 0) {
		console.error(`\n[test] ${name} failed after ${secs}s`);
		process.exit(r.status ?? 1);
	}
	console.log(`[test] ${name} passed in ${secs}s`);
}
