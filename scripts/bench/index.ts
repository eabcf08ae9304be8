/**
 * `npm run bench`: measures the server and the device side on this machine and prints one table.
 *
 *   npm run bench                      every case on SQLite (and PostgreSQL when BENCH_DATABASE_URL is set)
 *   npm run bench -- --write           also writes the table into docs/benchmarks.md
 *   npm run bench -- --national        also the national-scale simulation (1,000,000 signatures)
 *   npm run bench -- --runs 3          runs per case (median reported; default 5 in-process, 3 over HTTP)
 *   npm run bench -- --quick           fewer, shorter runs, for a first look
 *   npm run bench -- --only reconcile,http,login,device,lighthouse,national
 *   npm run bench -- --national --signatures 100000   a smaller national run
 *
 * Builds the app first when the build is missing or older than the sources. Every server it
 * starts listens on 127.0.0.1 only; every loop is bounded. No test asserts on time: this is
 * the only place where speed is measured (DESIGN §9).
 */
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import type { Dialect } from '../../server/db/connect';
import { deviceRun, routeJs, type DeviceRun } from './cases/device';
import { lighthouseRuns, precacheSizes } from './cases/firstvisit';
import { HTTP, httpRun, type HttpRun } from './cases/http';
import { LOGIN_FLOOD, loginFloodRun, type LoginFloodRun } from './cases/login-flood';
import { nationalRun, NATIONAL, type NationalRun } from './cases/national';
import { RECONCILE, reconcileRun, type ReconcileRun } from './cases/reconcile';
import { ensureBuild } from './lib/server';

const root = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('quick');
const only = option('only')?.split(',');
const wants = (c: string) => (only ? only.includes(c) : c !== 'national' || flag('national'));
const runsOption = option('runs') ? Math.max(1, Number(option('runs'))) : undefined;
const postgresUrl = process.env.BENCH_DATABASE_URL || undefined;
const dialects: Dialect[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const log = (s: string) => console.error(`[bench] ${s}`);

function median(values: number[]): number {
	const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (!v.length) return NaN;
	const mid = Math.floor(v.length / 2);
	return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const fmt = (n: number, digits = 0) =>
	Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–';
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;
const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;
const pct = (x: number) => (Number.isFinite(x) ? `${fmt(x * 100)}%` : '–');

async function postgresVersion(): Promise<string | null> {
	if (!postgresUrl) return null;
	const c = new pg.Client({ connectionString: postgresUrl });
	await c.connect();
	try {
		return String((await c.query('show server_version')).rows[0].server_version);
	} finally {
		await c.end();
	}
}

interface Row {
	case: string;
	metric: string;
	values: Partial<Record<Dialect, string>>;
	/** A value that does not depend on the database. */
	single?: string;
	target?: string;
	met?: Partial<Record<Dialect, boolean>> | boolean;
}

const rows: Row[] = [];
const sqliteOnlyTargets = new Set<string>();

async function main() {
	const started = Date.now();
	const machine = {
		cpu: cpus()[0]?.model ?? 'unknown',
		cores: cpus().length,
		memory: `${fmt(totalmem() / 1024 ** 3)} GiB (${fmt(freemem() / 1024 ** 3)} GiB free)`,
		node: process.version,
		os: `Linux ${release()}`,
		postgres: await postgresVersion(),
		loadBefore: loadavg().map((l) => l.toFixed(2)).join(', ')
	};
	log(`machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadBefore}`);
	if (wants('http') || wants('login') || wants('device')) {
		if (ensureBuild(root, log)) log('built');
	}

	// ── Reconcile ──────────────────────────────────────────────────────────────────────────
	if (wants('reconcile')) {
		const runs = runsOption ?? (quick ? 2 : 5);
		const results: Partial<Record<Dialect, ReconcileRun[]>> = {};
		for (const d of dialects) {
			results[d] = [];
			for (let i = 0; i < runs; i++) {
				const r = await reconcileRun(d, postgresUrl, { ...RECONCILE, seed: RECONCILE.seed + i });
				log(`reconcile [${d}] run ${i + 1}/${runs}: ${fmt(r.recordsPerSec)} records/s, baseline ${fmt(r.baselineRecordsPerSec)} records/s (${r.check})`);
				results[d]!.push(r);
			}
		}
		const m = (d: Dialect, f: (r: ReconcileRun) => number) => median((results[d] ?? []).map(f));
		const name = `Reconcile (${RECONCILE.devices}×${RECONCILE.recordsPerDevice} records, in-process)`;
		rows.push({
			case: name,
			metric: 'records/s',
			values: Object.fromEntries(dialects.map((d) => [d, fmt(m(d, (r) => r.recordsPerSec))])),
			target: '≥ 25,000',
			met: Object.fromEntries(dialects.map((d) => [d, m(d, (r) => r.recordsPerSec) >= 25_000]))
		});
		rows.push({
			case: name,
			metric: 'storage baseline, records/s',
			values: Object.fromEntries(dialects.map((d) => [d, fmt(m(d, (r) => r.baselineRecordsPerSec))]))
		});
		rows.push({
			case: name,
			metric: 'ratio to baseline',
			values: Object.fromEntries(dialects.map((d) => [d, pct(m(d, (r) => r.recordsPerSec / r.baselineRecordsPerSec))])),
			target: '≥ 25%',
			met: Object.fromEntries(dialects.map((d) => [d, m(d, (r) => r.recordsPerSec / r.baselineRecordsPerSec) >= 0.25]))
		});
		rows.push({
			case: name,
			metric: 'CPU ms per 1,000 records (all threads)',
			values: Object.fromEntries(dialects.map((d) => [d, fmt(m(d, (r) => r.cpuMsPer1k))]))
		});
		sqliteOnlyTargets.add(name);
	}

	// ── HTTP push, memory and catalog read ─────────────────────────────────────────────────
	if (wants('http')) {
		const runs = runsOption ?? (quick ? 1 : 3);
		const results: Partial<Record<Dialect, HttpRun[]>> = {};
		for (const d of dialects) {
			results[d] = [];
			for (let i = 0; i < runs; i++) {
				const r = await httpRun(d, postgresUrl, { ...HTTP, root, seed: HTTP.seed + i, catalogSeconds: quick ? 5 : HTTP.catalogSeconds });
				log(
					`http [${d}] run ${i + 1}/${runs}: push ${fmt(r.recordsPerSec)} records/s, RSS ${mb(r.peakRssBytes)}, ` +
						`catalog.pull ${fmt(r.catalogPull?.requestsPerSec ?? NaN)} req/s p99 ${r.catalogPull?.p99} ms, / ${fmt(r.home?.requestsPerSec ?? NaN)} req/s`
				);
				results[d]!.push(r);
			}
		}
		const m = (d: Dialect, f: (r: HttpRun) => number) => median((results[d] ?? []).map(f));
		const each = (f: (r: HttpRun) => number, format: (n: number) => string) =>
			Object.fromEntries(dialects.map((d) => [d, format(m(d, f))]));
		const meets = (f: (r: HttpRun) => number, ok: (n: number) => boolean) =>
			Object.fromEntries(dialects.map((d) => [d, ok(m(d, f))]));
		const push = `Push over HTTP (${HTTP.devices}×${HTTP.recordsPerDevice} records, ${HTTP.concurrency} devices at once)`;
		rows.push({ case: push, metric: 'records/s', values: each((r) => r.recordsPerSec, (n) => fmt(n)), target: '≥ 10,000', met: meets((r) => r.recordsPerSec, (n) => n >= 10_000) });
		rows.push({ case: push, metric: 'batch latency p50 / p99, ms', values: Object.fromEntries(dialects.map((d) => [d, `${fmt(m(d, (r) => r.pushP50))} / ${fmt(m(d, (r) => r.pushP99))}`])) });
		rows.push({ case: 'Memory', metric: 'server peak RSS during HTTP push', values: each((r) => r.peakRssBytes, mb), target: '≤ 300 MB', met: meets((r) => r.peakRssBytes, (n) => n <= 300 * 1024 * 1024) });
		const cat = `Catalog read (${HTTP.catalogConnections} connections, ${quick ? 5 : HTTP.catalogSeconds} s)`;
		rows.push({ case: cat, metric: '`catalog.pull` (full) requests/s', values: each((r) => r.catalogPull?.requestsPerSec ?? NaN, (n) => fmt(n)), target: '≥ 3,000', met: meets((r) => r.catalogPull?.requestsPerSec ?? 0, (n) => n >= 3_000) });
		rows.push({ case: cat, metric: '`catalog.pull` p50 / p99, ms', values: Object.fromEntries(dialects.map((d) => [d, `${fmt(m(d, (r) => r.catalogPull?.p50 ?? NaN))} / ${fmt(m(d, (r) => r.catalogPull?.p99 ?? NaN))}`])), target: 'p99 ≤ 50', met: meets((r) => r.catalogPull?.p99 ?? Infinity, (n) => n <= 50) });
		rows.push({ case: cat, metric: '`/` (server-rendered) requests/s', values: each((r) => r.home?.requestsPerSec ?? NaN, (n) => fmt(n)), target: '≥ 1,000', met: meets((r) => r.home?.requestsPerSec ?? 0, (n) => n >= 1_000) });
		rows.push({ case: cat, metric: '`/` p50 / p99, ms', values: Object.fromEntries(dialects.map((d) => [d, `${fmt(m(d, (r) => r.home?.p50 ?? NaN))} / ${fmt(m(d, (r) => r.home?.p99 ?? NaN))}`])) });
		if (results.sqlite?.length && rows.some((r) => r.metric === 'storage baseline, records/s')) {
			// HTTP push against the same run's storage limit, for the record.
			const base = rows.find((r) => r.metric === 'storage baseline, records/s')!;
			rows.push({
				case: push,
				metric: 'ratio to storage baseline',
				values: Object.fromEntries(
					dialects.map((d) => [d, pct(m(d, (r) => r.recordsPerSec) / Number(String(base.values[d] ?? 'NaN').replace(/,/g, '')))])
				)
			});
		}
	}

	// ── Login flood ────────────────────────────────────────────────────────────────────────
	if (wants('login')) {
		const rounds = runsOption ?? (quick ? 3 : LOGIN_FLOOD.rounds);
		const results: Partial<Record<Dialect, LoginFloodRun>> = {};
		for (const d of dialects) {
			const r = await loginFloodRun(d, postgresUrl, { root, flood: LOGIN_FLOOD.flood, rounds });
			log(
				`login [${d}]: staff login ${fmt(r.baselineMs)} ms alone, ${fmt(r.oneAddressMs)} ms during a 1-address flood, ` +
					`${fmt(r.manyAddressesMs)} ms during a ${LOGIN_FLOOD.flood}-address flood (${r.manyAddressesStaffRefused}/${rounds} refused, ` +
					`${r.manyAddressesNewAddressRefused}/${rounds} from a new address; ${r.manyAddressesChecked} of the flood checked in ${fmt(r.manyAddressesFloodMs)} ms)`
			);
			results[d] = r;
		}
		const each = (f: (r: LoginFloodRun) => string) => Object.fromEntries(dialects.map((d) => [d, results[d] ? f(results[d]!) : '–']));
		const name = `Staff login during a login flood (${LOGIN_FLOOD.flood} bogus logins in flight, median of ${rounds})`;
		rows.push({ case: name, metric: 'staff login alone (baseline), ms', values: each((r) => fmt(r.baselineMs)) });
		rows.push({
			case: name,
			metric: 'staff login, flood from 1 address, ms',
			values: each((r) => fmt(r.oneAddressMs)),
			target: '≤ 4 × baseline',
			met: Object.fromEntries(dialects.map((d) => [d, !!results[d] && results[d]!.oneAddressMs <= 4 * results[d]!.baselineMs]))
		});
		rows.push({ case: name, metric: 'the whole 1-address flood answered after, ms', values: each((r) => fmt(r.oneAddressFloodMs)) });
		rows.push({ case: name, metric: `staff login, flood from ${LOGIN_FLOOD.flood} addresses, ms`, values: each((r) => fmt(r.manyAddressesMs)) });
		rows.push({ case: name, metric: `the whole ${LOGIN_FLOOD.flood}-address flood answered after, ms`, values: each((r) => fmt(r.manyAddressesFloodMs)) });
		rows.push({
			case: name,
			metric: `staff logins refused "try again in 1 s" during the ${LOGIN_FLOOD.flood}-address flood`,
			values: each((r) => `${r.manyAddressesStaffRefused} of ${rounds}`),
			target: '0',
			met: Object.fromEntries(dialects.map((d) => [d, results[d]?.manyAddressesStaffRefused === 0]))
		});
		rows.push({
			case: name,
			metric: `the same from an address never used before: refused, ${LOGIN_FLOOD.flood}-address flood`,
			values: each((r) => `${r.manyAddressesNewAddressRefused} of ${rounds}`)
		});
		rows.push({ case: name, metric: `bogus logins whose password was checked, of ${LOGIN_FLOOD.flood} (${LOGIN_FLOOD.flood}-address flood)`, values: each((r) => fmt(r.manyAddressesChecked)) });
	}

	// ── Device side ────────────────────────────────────────────────────────────────────────
	const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (wants('device') && !existsSync(chromiumPath)) {
		log(`device case skipped: no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);
	} else if (wants('device')) {
		const runs = runsOption ?? (quick ? 1 : 3);
		const results: DeviceRun[] = [];
		for (let i = 0; i < runs; i++) {
			const r = await deviceRun(root, quick ? 100 : 200);
			log(`device run ${i + 1}/${runs}: signature p50 ${fmt(r.signatureP50, 1)} ms p95 ${fmt(r.signatureP95, 1)} ms, window.open p95 ${fmt(r.windowOpenP95, 1)} ms`);
			results.push(r);
		}
		const m = (f: (r: DeviceRun) => number) => median(results.map(f));
		const dev = 'Device (Chromium, built app)';
		rows.push({ case: dev, metric: 'outbox append, signature: p50 / p95, ms', values: {}, single: `${fmt(m((r) => r.signatureP50), 1)} / ${fmt(m((r) => r.signatureP95), 1)}`, target: 'p95 ≤ 20', met: m((r) => r.signatureP95) <= 20 });
		rows.push({ case: dev, metric: 'outbox append, window.open with sealed identity: p50 / p95, ms', values: {}, single: `${fmt(m((r) => r.windowOpenP50), 1)} / ${fmt(m((r) => r.windowOpenP95), 1)}`, target: 'p95 ≤ 20', met: m((r) => r.windowOpenP95) <= 20 });
		for (const [route, label] of [
			['/kac/sign', 'citizen mode `/kac/sign`'],
			['/info', 'library info `/info`']
		] as const) {
			const js = routeJs(root, route);
			rows.push({ case: dev, metric: `JavaScript, ${label}, gzipped (${js.files} files)`, values: {}, single: kb(js.gzipBytes), target: '≤ 100 KB', met: js.gzipBytes <= 100 * 1024 });
		}
	}

	// ── First visit: Lighthouse and the service worker's precache (issue 16) ───────────────
	if (wants('lighthouse') && !existsSync(chromiumPath)) {
		log(`lighthouse case skipped: no Chromium at ${chromiumPath}`);
	} else if (wants('lighthouse')) {
		const lh = 'First visit (Lighthouse 12.8.2, simulated throttling, Debian Chromium)';
		// Median of 3 runs per page (1 with --quick): one run's TBT moves with the machine's load.
		for (const r of await lighthouseRuns(['desktop', 'mobile'], runsOption ?? (quick ? 1 : 3), log)) {
			const mobile = r.preset === 'mobile';
			const ok = r.performance >= (mobile ? 95 : 100) && r.cls <= 0.01 && (!mobile || r.page === '/receipt' || (r.lcpMs <= 2000 && r.tbtMs <= 50));
			rows.push({
				case: lh,
				metric: `\`${r.page}\` ${r.preset}: perf / a11y / best pr. / SEO · LCP · TBT · CLS · transferred`,
				values: {},
				single: `${r.performance} / ${r.accessibility} / ${r.bestPractices} / ${r.seo} · ${fmt(r.lcpMs / 1000, 1)} s · ${fmt(r.tbtMs)} ms · ${fmt(r.cls, 3)} · ${kb(r.transferBytes)}`,
				target: mobile ? `≥ 95 · ${r.page === '/receipt' ? '' : 'LCP ≤ 2.0 s · TBT ≤ 50 ms · '}CLS ≤ 0.01` : '100 · CLS ≤ 0.01',
				met: ok
			});
		}
		const p = precacheSizes(root);
		const pc = 'Service worker precache (uncompressed)';
		rows.push({ case: pc, metric: `precache (${p.all.files} files): public pages, /info, shell, icons; every device, a library kiosk too`, values: {}, single: kb(p.all.bytes), target: '≤ 350 KB (library kiosk)', met: p.all.bytes <= 350_000 });
		rows.push({ case: pc, metric: `online-only, runtime-cached when loaded: /receipt, tRPC client, install icons (${p.byKind.online.files} files)`, values: {}, single: kb(p.byKind.online.bytes) });
		rows.push({ case: pc, metric: `office mode: an enrolled office PC's second cache (${p.byKind.office.files} files)`, values: {}, single: kb(p.byKind.office.bytes) });
		rows.push({ case: pc, metric: `admin and QC only (${p.byKind.backOffice.files} files)`, values: {}, single: kb(p.byKind.backOffice.bytes), target: '0', met: p.byKind.backOffice.files === 0 });
	}

	// ── National-scale simulation ──────────────────────────────────────────────────────────
	const national: Partial<Record<Dialect, NationalRun>> = {};
	if (wants('national')) {
		for (const d of dialects) {
			const signatures = option('signatures') ? Number(option('signatures')) : NATIONAL.signatures;
			national[d] = await nationalRun(d, postgresUrl, { ...NATIONAL, signatures, log });
			const n = national[d]!;
			log(`national [${d}]: ${fmt(n.records)} records in ${fmt(n.seconds)} s = ${fmt(n.recordsPerSec)} records/s, ${mb(n.databaseBytes)}, RSS ${mb(n.peakRssBytes)}; ${n.check}`);
		}
		const nat = `National simulation (${fmt(dialects.map((d) => national[d]?.signatures ?? 0)[0])} signatures from ${fmt(NATIONAL.devices)} devices, in-process)`;
		const each = (f: (n: NationalRun) => string) => Object.fromEntries(dialects.map((d) => [d, national[d] ? f(national[d]!) : '–']));
		rows.push({ case: nat, metric: 'records pushed (all types)', values: each((n) => fmt(n.records)) });
		rows.push({ case: nat, metric: 'time, s', values: each((n) => fmt(n.seconds)) });
		rows.push({ case: nat, metric: 'records/s', values: each((n) => fmt(n.recordsPerSec)) });
		rows.push({ case: nat, metric: 'database size', values: each((n) => mb(n.databaseBytes)) });
		rows.push({ case: nat, metric: 'peak RSS of the one bench process (server, load and generator heap)', values: each((n) => mb(n.peakRssBytes)) });
		rows.push({ case: nat, metric: 'nothing lost, no duplicate accepted (counted)', values: each((n) => (n.ok ? 'yes' : 'NO')), target: 'yes', met: Object.fromEntries(dialects.map((d) => [d, !!national[d]?.ok])) });
	}

	machine.loadBefore += ` → ${loadavg().map((l) => l.toFixed(2)).join(', ')} after`;
	const minutes = ((Date.now() - started) / 60_000).toFixed(1);
	const table = render(machine, minutes);
	console.log(table);
	if (flag('write')) {
		const file = join(root, 'docs/benchmarks.md');
		mkdirSync(dirname(file), { recursive: true });
		const begin = '<!-- bench:begin -->';
		const end = '<!-- bench:end -->';
		const block = `${begin}\n${table}\n${end}`;
		const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
		const text =
			old.includes(begin) && old.includes(end)
				? old.slice(0, old.indexOf(begin)) + block + old.slice(old.indexOf(end) + end.length)
				: `# Benchmarks\n\nWritten by \`npm run bench -- --write\`.\n\n${block}\n`;
		writeFileSync(file, text);
		log(`wrote ${file}`);
	}
}

function render(machine: Record<string, string | number | null>, minutes: string): string {
	const hasPg = dialects.includes('postgres');
	const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'yes' : 'no');
	const lines = [
		`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${minutes} min. Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory}, Node ${machine.node}, ${machine.os}` +
			(machine.postgres ? `, PostgreSQL ${machine.postgres}` : '') +
			`. Load average ${machine.loadBefore}. Medians of several runs; the machine is shared, so wall-clock figures move with its load.`,
		'',
		hasPg
			? '| case | metric | SQLite | PostgreSQL | target | met (SQLite / PostgreSQL) |\n| --- | --- | --: | --: | --- | --- |'
			: '| case | metric | SQLite | target | met |\n| --- | --- | --: | --- | --- |'
	];
	for (const r of rows) {
		const met =
			r.met === undefined
				? ''
				: typeof r.met === 'boolean'
					? mark(r.met)
					: hasPg
						? `${mark(r.met.sqlite)} / ${mark(r.met.postgres)}`
						: mark(r.met.sqlite);
		if (hasPg) {
			const s = r.single ?? r.values.sqlite ?? '';
			const p = r.single ? '(same)' : (r.values.postgres ?? '');
			lines.push(`| ${r.case} | ${r.metric} | ${s} | ${p} | ${r.target ?? ''} | ${met} |`);
		} else {
			lines.push(`| ${r.case} | ${r.metric} | ${r.single ?? r.values.sqlite ?? ''} | ${r.target ?? ''} | ${met} |`);
		}
	}
	return lines.join('\n');
}

main()
	.then(() => process.exit(0))
	.catch((e) => {
		console.error(e);
		process.exit(1);
	});
