/**
 * The first visit (issue 16): Lighthouse (median of several runs) on the public pages at its desktop and mobile presets
 * (scripts/lighthouse.ts, simulated throttling, Debian's Chromium, a fresh profile each run), and
 * what the service worker precaches, in all and split by the kind of device that runs it
 * (scripts/precache.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppServer } from '../../../tests/e2e/app-server';
import { medianRow, type LighthouseRow, type Preset } from '../../lighthouse';
import { filesByKind, type DeviceKind } from '../../precache';

export const FIRST_VISIT_PAGES = ['/', '/initiatives/pvn-augliem-un-darzeniem', '/info', '/receipt'];

/** Each page `runs` times at each preset; the median run (by performance score) of each. */
export async function lighthouseRuns(presets: Preset[], runs: number, log: (s: string) => void): Promise<LighthouseRow[]> {
	const server = await AppServer.launch();
	try {
		const rows: LighthouseRow[] = [];
		for (const preset of presets) {
			for (const page of FIRST_VISIT_PAGES) {
				const row = await medianRow(server.url, page, preset, runs);
				log(`lighthouse ${preset} ${page}: perf ${row.performance}, LCP ${Math.round(row.lcpMs)} ms, TBT ${Math.round(row.tbtMs)} ms, CLS ${row.cls.toFixed(3)}`);
				rows.push(row);
			}
		}
		return rows;
	} finally {
		await server.dispose();
	}
}

export interface PrecacheSizes {
	/** Everything in the service worker's precache manifest. */
	all: { files: number; bytes: number };
	/** The same, by the kind of device whose pages use each file (shell, icons and styles count as public). */
	byKind: Record<DeviceKind, { files: number; bytes: number }>;
}

export function precacheSizes(root: string): PrecacheSizes {
	const worker = readFileSync(join(root, 'build/client/service-worker.js'), 'utf8');
	const urls = [...worker.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''));
	const size = (url: string) => {
		for (const p of [join(root, 'build/client', url), join(root, 'build/prerendered', `${url || 'index'}.html`)]) {
			try {
				return statSync(p).size;
			} catch {
				// not this one
			}
		}
		return 0;
	};
	const kinds = filesByKind(root);
	const byKind: PrecacheSizes['byKind'] = { public: { files: 0, bytes: 0 }, office: { files: 0, bytes: 0 }, backOffice: { files: 0, bytes: 0 } };
	let bytes = 0;
	for (const url of urls) {
		const n = size(url);
		bytes += n;
		const kind: DeviceKind = kinds?.office.has(url) ? 'office' : kinds?.backOffice.has(url) ? 'backOffice' : 'public';
		byKind[kind].files++;
		byKind[kind].bytes += n;
	}
	return { all: { files: urls.length, bytes }, byKind };
}
