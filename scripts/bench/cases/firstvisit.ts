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
	/** What the service worker precaches on every device, a library kiosk included. */
	all: { files: number; bytes: number };
	/**
	 * Every file the worker's manifest names, by who keeps it: `public` the precache, `office` an
	 * enrolled office PC's second cache, `online` the runtime cache once a page loaded it,
	 * `backOffice` nobody (admin and QC files found in the manifest: should be none).
	 */
	byKind: Record<DeviceKind, { files: number; bytes: number }>;
}

/** The manifest entries in a built worker (scripts/precache.ts marks the ones not precached). */
export function workerEntries(worker: string): { url: string; office?: true; online?: true }[] {
	return [...worker.matchAll(/\{[^{}]*"url":"[^"]+"[^{}]*\}/g)].map((m) => {
		const e = JSON.parse(m[0]) as { url: string; office?: true; online?: true };
		return { ...e, url: e.url.replace(/^\//, '') };
	});
}

export function precacheSizes(root: string): PrecacheSizes {
	const entries = workerEntries(readFileSync(join(root, 'build/client/service-worker.js'), 'utf8'));
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
	const backOffice = filesByKind(root)?.backOffice ?? new Set<string>();
	const zero = () => ({ files: 0, bytes: 0 });
	const byKind: PrecacheSizes['byKind'] = { public: zero(), online: zero(), office: zero(), backOffice: zero() };
	for (const e of entries) {
		const kind: DeviceKind = backOffice.has(e.url) ? 'backOffice' : e.office ? 'office' : e.online ? 'online' : 'public';
		byKind[kind].files++;
		byKind[kind].bytes += size(e.url);
	}
	return { all: byKind.public, byKind };
}
