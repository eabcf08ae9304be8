// `npm test`: type checks, a production build, unit and integration tests (SQLite, and
// PostgreSQL when TEST_DATABASE_URL is set), then Playwright against that build. Ends with
// one summary line counting every test that ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';

const reports = mkdtempSync(join(tmpdir(), 'klatiene-test-'));
const vitestReport = join(reports, 'vitest.json');
const playwrightReport = join(reports, 'playwright.json');

// The build comes before Vitest: the scale-out test starts real `node build` servers.
const steps = [
	['type check', 'npm', ['run', 'check'], {}],
	['build', 'npx', ['vite', 'build'], {}],
	[
		'unit and integration tests',
		'npx',
		['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
		{}
	],
	[
		'browser tests',
		'npx',
		['playwright', 'test', '--reporter=list,json'],
		{ PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport }
	]
];

const only = process.argv.slice(2);
ensureChromium();
if (process.env.TEST_DATABASE_URL) {
	console.log(`[test] PostgreSQL tests enabled: ${process.env.TEST_DATABASE_URL.replace(/:[^:@/]*@/, '@')}`);
} else {
	console.log('[test] TEST_DATABASE_URL not set: integration tests run on SQLite only.');
}

function counts() {
	let passed = 0;
	let failed = 0;
	let skipped = 0;
	if (existsSync(vitestReport)) {
		const v = JSON.parse(readFileSync(vitestReport, 'utf8'));
		passed += v.numPassedTests ?? 0;
		failed += v.numFailedTests ?? 0;
		skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
	}
	if (existsSync(playwrightReport)) {
		const p = JSON.parse(readFileSync(playwrightReport, 'utf8')).stats ?? {};
		passed += (p.expected ?? 0) + (p.flaky ?? 0);
		failed += p.unexpected ?? 0;
		skipped += p.skipped ?? 0;
	}
	return { passed, failed, skipped };
}

let status = 0;
for (const [name, cmd, args, env] of steps) {
	if (only.length && !only.some((o) => name.includes(o))) continue;
	console.log(`\n[test] ── ${name} ──`);
	const started = Date.now();
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	const secs = ((Date.now() - started) / 1000).toFixed(0);
	if (r.status !== 0) {
		console.error(`\n[test] ${name} failed after ${secs}s`);
		status = r.status ?? 1;
		break;
	}
	console.log(`[test] ${name} passed in ${secs}s`);
}

const c = counts();
if (status !== 0 && c.failed === 0) c.failed = 1; // a step that failed before or outside any test
console.log(`\ntests: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
process.exit(status);
