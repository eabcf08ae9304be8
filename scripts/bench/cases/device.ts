/**
 * Device side, on the built app in Debian's Chromium (Playwright):
 *
 * - outbox append latency: the page's own `appendRecord` (Web Lock, SHA-256 over canonical
 *   JSON, one Dexie transaction), reached through the bench-only hook in
 *   src/lib/client/office/outbox.ts: a signature record (nothing to encrypt) and a
 *   window.open record with the identity sealed to the server's key first (ECDH + AES-GCM);
 * - the JavaScript a page needs before it runs, gzipped as the server sends it: the client
 *   entry plus every layout's and the page's imports, read from the build's manifest.
 */
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { freshDatabase } from '../lib/databases';
import { benchApp, createBenchWorld, person } from '../lib/fixture';
import { AppProcess } from '../lib/server';

export interface DeviceRun {
	signatureP50: number;
	signatureP95: number;
	windowOpenP50: number;
	windowOpenP95: number;
	samples: number;
}

export interface JsSize {
	route: string;
	files: number;
	gzipBytes: number;
	rawBytes: number;
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Gzipped JavaScript a route loads up front (entry + layouts + page, with their chunks). */
export function routeJs(root: string, routeId: string): JsSize {
	const serverDir = join(root, '.svelte-kit/output/server');
	const manifest = readFileSync(join(serverDir, 'manifest.js'), 'utf8');
	const client = /client:\s*\{[^}]*?imports:\s*(\[[^\]]*\])/.exec(manifest);
	if (!client) throw new Error('client entry not found in the build manifest');
	const files = new Set<string>(JSON.parse(client[1]) as string[]);
	const route = new RegExp(`id:\\s*"${routeId.replace(/[/[\]]/g, '\\$&')}",[\\s\\S]*?page:\\s*\\{\\s*layouts:\\s*\\[([^\\]]*)\\][^}]*leaf:\\s*(\\d+)`).exec(manifest);
	if (!route) throw new Error(`route ${routeId} not found in the build manifest`);
	const nodes = [...route[1].split(',').filter((s) => s.trim() !== ''), route[2]].map((n) => Number(n.trim()));
	for (const n of nodes) {
		const text = readFileSync(join(serverDir, `nodes/${n}.js`), 'utf8');
		const imports = /export const imports = (\[[^\]]*\])/.exec(text);
		if (imports) for (const f of JSON.parse(imports[1]) as string[]) files.add(f);
	}
	let gzipBytes = 0;
	let rawBytes = 0;
	for (const f of files) {
		if (!f.endsWith('.js')) continue;
		const path = join(root, 'build/client', f);
		const raw = readFileSync(path);
		rawBytes += raw.length;
		// What the server sends: the build's precompressed file when there is one.
		gzipBytes += existsSync(`${path}.gz`) ? readFileSync(`${path}.gz`).length : gzipSync(raw, { level: 9 }).length;
	}
	return { route: routeId, files: [...files].filter((f) => f.endsWith('.js')).length, gzipBytes, rawBytes };
}

export async function deviceRun(root: string, samples = 200): Promise<DeviceRun> {
	const now = Date.now();
	const database = await freshDatabase('sqlite');
	let server: AppProcess | undefined;
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
	});
	try {
		const app = await benchApp(database, now);
		await createBenchWorld(app, now);
		const sealingKey = app.secrets.sealingKey;
		await database.close();
		server = await AppProcess.start(root, database.url);
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.addInitScript(() => {
			(window as unknown as { __KLATIENE_BENCH__: boolean }).__KLATIENE_BENCH__ = true;
		});
		await page.goto(`${server.url}/kac/sign`);
		await page.waitForFunction(() => '__klatieneOutbox' in window, undefined, { timeout: 30_000 });
		// What the page does once at start (modules loaded after it runs, the first catalog pull
		// into IndexedDB) is over before the clock starts: a clerk opens a window long after that.
		await page.waitForLoadState('networkidle');
		await page.waitForTimeout(1_000);
		const p = person(4242);
		const identity = {
			givenName: 'Zigfrīds',
			surname: 'Ābelkoks',
			personalCode: p.personalCode,
			birthDate: p.birthDate,
			documentType: 'passport',
			documentNumber: 'LV1234567',
			citizenship: 'LV',
			declaredMunicipality: 'riga',
			propertyMunicipalities: [],
			qcPhone: '+37129876543',
			qcConsent: true
		};
		const times = await page.evaluate(
			async ({ samples, sealingKey, identity }) => {
				type Hook = {
					appendRecord(deviceId: string, type: string, payload: unknown, at?: number): Promise<unknown>;
					seal(value: unknown, key: unknown): Promise<unknown>;
				};
				const hook = (window as unknown as { __klatieneOutbox: Hook }).__klatieneOutbox;
				const deviceId = 'bench-device';
				const windowId = '019b7a4e-5c00-7000-8000-000000000001';
				const signature: number[] = [];
				const windowOpen: number[] = [];
				const rounds = samples + 20;
				for (let i = 0; i < rounds; i++) {
					let t0 = performance.now();
					const box = await hook.seal(identity, sealingKey);
					await hook.appendRecord(deviceId, 'window.open', {
						windowId,
						clerkId: 'clerk',
						officeId: 'office',
						openedAt: Date.now(),
						lengthMs: 900_000,
						attested: true,
						identity: box,
						receiptHash: '0'.repeat(64)
					});
					if (i >= 20) windowOpen.push(performance.now() - t0);
					t0 = performance.now();
					await hook.appendRecord(deviceId, 'signature', { windowId, initiativeId: 'initiative', signedAt: Date.now() });
					if (i >= 20) signature.push(performance.now() - t0);
				}
				return { signature, windowOpen };
			},
			{ samples, sealingKey, identity }
		);
		await context.close();
		return {
			signatureP50: percentile(times.signature, 50),
			signatureP95: percentile(times.signature, 95),
			windowOpenP50: percentile(times.windowOpen, 50),
			windowOpenP95: percentile(times.windowOpen, 95),
			samples
		};
	} finally {
		await browser.close();
		await server?.stop();
		await database.drop();
	}
}
