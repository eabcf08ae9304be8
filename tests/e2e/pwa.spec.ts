import { test, expect } from './fixtures';
import { deviceCaches, OFFICE_CACHE, officeFilesOfWorker } from './sw-caches';

test.describe('installable offline PWA', () => {
	test('the manifest is valid and installable, with real icons', async ({ request }) => {
		const res = await request.get('/manifest.webmanifest');
		expect(res.ok()).toBe(true);
		const manifest = await res.json();
		expect(manifest.name).toContain('Klātiene');
		expect(manifest.short_name).toBe('Klātiene');
		expect(manifest.start_url).toBe('/');
		expect(manifest.display).toBe('standalone');
		expect(manifest.lang).toBe('lv');
		const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
		expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
		expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);
		for (const icon of manifest.icons) {
			const img = await request.get(icon.src);
			expect(img.ok(), icon.src).toBe(true);
			expect(img.headers()['content-type']).toBe('image/png');
			const bytes = await img.body();
			// PNG signature and the declared width in the IHDR chunk.
			expect(bytes.subarray(1, 4).toString()).toBe('PNG');
			expect(String(bytes.readUInt32BE(16))).toBe(icon.sizes.split('x')[0]);
		}
	});

	test('the service worker activates and controls the page', async ({ page }) => {
		await page.goto('/');
		await expect
			.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state))
			.toBe('activated');
		// clients.claim() makes the first visit controlled without a reload…
		await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
		// …and every later load is served through it.
		await page.reload();
		expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	});

	test('after one online visit the catalog, an initiative and /info render with the server stopped', async ({
		browser,
		app
	}) => {
		const context = await browser.newContext({ baseURL: app.url });
		const page = await context.newPage();
		await page.goto('/');
		await page.evaluate(() => navigator.serviceWorker.ready);
		// Wait for the device copy of the catalog (IndexedDB) to be filled.
		await expect(page.getByTestId('catalog-updated')).not.toHaveText(/nav ielādēti|No data/);
		const firstTitle = (await page.locator('main h2 a, main h3 a').first().textContent())!.trim();
		const href = (await page.locator('main h2 a, main h3 a').first().getAttribute('href'))!;

		await app.stop();
		try {
			for (const path of ['/', href, '/info', '/info/offices']) {
				await page.goto(path);
				await expect(page.locator('h1')).toBeVisible();
			}
			await page.goto('/');
			await expect(page.getByText(firstTitle).first()).toBeVisible();
			await expect(page.getByTestId('network-status')).toHaveAttribute('data-online', 'false');
			await page.goto(href);
			await expect(page.locator('h1')).toHaveText(firstTitle);
			// A page never visited before is rendered by the cached shell from IndexedDB.
			await page.goto('/info');
			await expect(page.getByRole('main')).toContainText(firstTitle);
		} finally {
			await app.start();
			await context.close();
		}
	});

	test('a visitor\'s device (a library kiosk too) precaches at most 350 KB and never an office file', async ({ page }) => {
		await page.goto('/');
		await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe('activated');
		await page.goto('/info');
		await expect(page.locator('h1')).toBeVisible();
		const office = await officeFilesOfWorker(page, true);
		// Office mode's own pages and scripts exist in this build, and the worker knows them…
		expect(office.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(5);
		// …but none of them is on this device, in any cache.
		const held = await deviceCaches(page);
		expect(held.map((c) => c.name)).not.toContain(OFFICE_CACHE);
		expect(held.flatMap((c) => c.paths).filter((p) => office.includes(p))).toEqual([]);
		const precache = held.filter((c) => c.name.includes('precache'));
		expect(precache).toHaveLength(1);
		expect(precache[0].paths).toContain('/shell');
		expect(precache[0].bytes).toBeGreaterThan(100_000);
		expect(precache[0].bytes).toBeLessThanOrEqual(350_000);
	});
});
