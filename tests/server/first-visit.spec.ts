/**
 * Issue 16 §3 and §5 on the production server (`node scripts/serve.mjs` on the built app): what a
 * validator checks on a first visit, and what the service worker precaches.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesByKind } from '../../scripts/precache';
import { createTestDatabase, type TestDatabase } from './databases';
import { createTestApp } from './kit';
import { builtApp, ServerProcess } from './server-process';

describe('the first visit on the production server', () => {
	let database: TestDatabase & { drop(): Promise<void> };
	let built: { dir: string; cleanup(): void };
	let server: ServerProcess;

	beforeAll(async () => {
		built = builtApp();
		database = await createTestDatabase('sqlite');
		await createTestApp(database, { now: Date.now() });
		server = await ServerProcess.start(built.dir, database.url);
	}, 240_000);

	afterAll(async () => {
		await server?.stop();
		await database?.drop();
		built?.cleanup();
	});

	const page = async (path: string, lang = 'lv') => (await fetch(server.url + path, { headers: { cookie: `lang=${lang}` } })).text();
	const titles = (html: string) => [...html.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);

	it('every page has one title, also office mode, which renders in the browser only', async () => {
		expect(titles(await page('/kac/enroll'))).toEqual(['Klātiene']);
		expect(titles(await page('/receipt'))).toHaveLength(1);
		const home = titles(await page('/'));
		expect(home).toHaveLength(1);
		expect(home[0]).not.toBe('');
	});

	it('pages carry a meta description in the reader’s language', async () => {
		for (const path of ['/', '/info', '/receipt']) {
			expect(await page(path), path).toMatch(/<meta name="description" content="Pilsoņu iniciatīvas, kuras var parakstīt klātienē[^"]*"/);
			expect(await page(path, 'en'), path).toMatch(/<meta name="description" content="Citizen initiatives you can sign in person[^"]*"/);
		}
	});

	it('the icons are kept for a week; the service worker and the web manifest are revalidated', async () => {
		for (const path of ['/favicon.svg', '/icons/icon-192.png']) {
			const r = await fetch(server.url + path);
			expect(r.status, path).toBe(200);
			expect(r.headers.get('cache-control'), path).toBe('public, max-age=604800');
		}
		for (const path of ['/service-worker.js', '/manifest.webmanifest']) {
			const r = await fetch(server.url + path);
			expect(r.status, path).toBe(200);
			expect(r.headers.get('cache-control') ?? '', path).not.toMatch(/max-age=[1-9]/);
		}
	});

	it('the service worker precaches the public pages only: office mode is marked for an office PC\'s own cache, admin and QC are left out', () => {
		const worker = readFileSync(join(built.dir, 'build/client/service-worker.js'), 'utf8');
		const entries = [...worker.matchAll(/\{[^{}]*"url":"[^"]+"[^{}]*\}/g)].map(
			(m) => JSON.parse(m[0]) as { url: string; office?: true; online?: true }
		);
		const precached = new Set(entries.filter((e) => !e.office && !e.online).map((e) => e.url.replace(/^\//, '')));
		const forOffice = new Set(entries.filter((e) => e.office).map((e) => e.url.replace(/^\//, '')));
		const kinds = filesByKind(built.dir)!;
		expect(kinds.backOffice.size).toBeGreaterThan(10);
		expect(entries.filter((e) => kinds.backOffice.has(e.url.replace(/^\//, '')))).toEqual([]);
		const scripts = (files: Set<string>) => [...files].filter((f) => f.endsWith('.js'));
		expect(scripts(kinds.public).filter((f) => !precached.has(f))).toEqual([]);
		expect(scripts(kinds.office).length).toBeGreaterThan(5);
		expect(scripts(kinds.office).filter((f) => precached.has(f) || !forOffice.has(f))).toEqual([]);
		// QC's Chart.js chunk, the largest of the back office, is not among them.
		const vite = JSON.parse(readFileSync(join(built.dir, '.svelte-kit/output/client/.vite/manifest.json'), 'utf8'));
		const chart = vite['node_modules/chart.js/dist/chart.js'].file as string;
		expect(kinds.backOffice.has(chart)).toBe(true);
		expect(precached.has(chart)).toBe(false);
	});
});
