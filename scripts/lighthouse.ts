/**
 * `npm run lighthouse`: the first visit as Lighthouse measures it (issue 16). Not part of `npm test`:
 * it measures, it asserts nothing. On a fresh server with the demo data (as a fresh `npm start`),
 * for each page and for Lighthouse's desktop and mobile presets (simulated throttling), in Debian's
 * Chromium with a new profile each time (a first visit: no cache, no service worker), it prints the
 * four category scores, LCP, TBT, CLS, the bytes transferred and the document's own bytes.
 *
 *   npm run lighthouse
 *   npm run lighthouse -- --only /,/info --preset mobile
 *   npm run lighthouse -- --json docs/lighthouse.json   also writes the numbers as JSON
 *   npm run lighthouse -- --runs 3     each page 3 times, the median run (by performance score) reported
 *
 * Lighthouse 12.8.2 is the newest that runs on Node 20 (13 needs Node 22).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { ensureBuild } from './bench/lib/server';
import { AppServer } from '../tests/e2e/app-server';

export const LIGHTHOUSE_PAGES = ['/', '/initiatives/pvn-augliem-un-darzeniem', '/info', '/receipt', '/kac/enroll'];
export type Preset = 'desktop' | 'mobile';

export interface LighthouseRow {
	page: string;
	preset: Preset;
	performance: number;
	accessibility: number;
	bestPractices: number;
	seo: number;
	lcpMs: number;
	tbtMs: number;
	cls: number;
	transferBytes: number;
	documentBytes: number;
}

const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'];

export async function lighthouseRow(url: string, page: string, preset: Preset): Promise<LighthouseRow> {
	const chrome = await chromeLauncher.launch({
		chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		chromeFlags: CHROME_FLAGS
	});
	try {
		const result = await lighthouse(
			url + page,
			{ port: chrome.port, output: 'json', logLevel: 'error' },
			preset === 'desktop' ? desktopConfig : undefined
		);
		if (!result) throw new Error(`lighthouse gave no result for ${page}`);
		const lhr = result.lhr;
		// A failed run (the page did not load, no paint) has no scores: say why instead of printing NaN.
		if (lhr.runtimeError) console.error(`[lighthouse] ${preset} ${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
		const score = (id: string) => Math.round((lhr.categories[id]?.score ?? NaN) * 100);
		const metric = (id: string) => Number(lhr.audits[id]?.numericValue ?? NaN);
		const requests = (lhr.audits['network-requests']?.details as { items?: { url: string; transferSize?: number; resourceType?: string }[] })
			?.items ?? [];
		const documentBytes = requests.find((r) => r.resourceType === 'Document')?.transferSize ?? NaN;
		return {
			page,
			preset,
			performance: score('performance'),
			accessibility: score('accessibility'),
			bestPractices: score('best-practices'),
			seo: score('seo'),
			lcpMs: metric('largest-contentful-paint'),
			tbtMs: metric('total-blocking-time'),
			cls: metric('cumulative-layout-shift'),
			transferBytes: metric('total-byte-weight'),
			documentBytes
		};
	} finally {
		chrome.kill();
	}
}

/** Lighthouse's own advice for noisy machines: several runs, report the one with the median score. */
export async function medianRow(url: string, page: string, preset: Preset, runs: number): Promise<LighthouseRow> {
	const rows: LighthouseRow[] = [];
	for (let i = 0; i < runs; i++) rows.push(await lighthouseRow(url, page, preset));
	rows.sort((a, b) => a.performance - b.performance || a.tbtMs - b.tbtMs);
	return rows[Math.floor((rows.length - 1) / 2)];
}

export function lighthouseTable(rows: LighthouseRow[]): string {
	const kib = (n: number) => (Number.isFinite(n) ? `${(n / 1024).toFixed(1)} KiB` : '–');
	const lines = [
		'| page | preset | perf | a11y | best pr. | SEO | LCP | TBT | CLS | transferred | document |',
		'|---|---|---|---|---|---|---|---|---|---|---|'
	];
	for (const r of rows) {
		lines.push(
			`| \`${r.page}\` | ${r.preset} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${r.seo} | ` +
				`${(r.lcpMs / 1000).toFixed(1)} s | ${Math.round(r.tbtMs)} ms | ${r.cls.toFixed(3)} | ${kib(r.transferBytes)} | ${kib(r.documentBytes)} |`
		);
	}
	return lines.join('\n');
}

async function main() {
	const args = process.argv.slice(2);
	const option = (name: string) => {
		const i = args.indexOf(`--${name}`);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const pages = option('only')?.split(',') ?? LIGHTHOUSE_PAGES;
	const presets = (option('preset')?.split(',') ?? ['desktop', 'mobile']) as Preset[];
	const runs = Math.max(1, Number(option('runs') ?? 1));
	const root = resolve(import.meta.dirname, '..');
	ensureBuild(root, (s) => console.error(`[lighthouse] ${s}`));
	const server = await AppServer.launch();
	const rows: LighthouseRow[] = [];
	try {
		for (const preset of presets) {
			for (const page of pages) {
				console.error(`[lighthouse] ${preset} ${page}`);
				rows.push(await medianRow(server.url, page, preset, runs));
			}
		}
	} finally {
		await server.dispose();
	}
	console.log(lighthouseTable(rows));
	const json = option('json');
	if (json) writeFileSync(json, JSON.stringify(rows, null, '\t') + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}
