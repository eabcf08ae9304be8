/**
 * The Content-Security-Policy (issue 10 §5) breaks nothing a person does: a person clicks through
 * the public catalog and an initiative's Markdown text, the library info point and a printable
 * leaflet, the whole office flow (enrollment, login, PIN, citizen mode, receipt and its print
 * view, sync), the receipt check at /receipt, the back office with its Markdown preview and the
 * QC dashboard's Chart.js charts, with the service worker installed, and the browser reports no
 * CSP violation at all: neither a `securitypolicyviolation` event in any page nor a console error.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ADMIN, AUDITOR } from './admin-helpers';
import { finish, newDevice, openWindow, readyOffice, sign, syncAndSettle, uniquePerson, NATIONAL, done } from './office-helpers';

test.describe.configure({ timeout: 240_000 });

interface Violation {
	page: string;
	directive: string;
	blocked: string;
	sample: string;
}

/** Collects every CSP violation in the context's pages, event or console message. */
async function watchCsp(context: BrowserContext): Promise<Violation[]> {
	const seen: Violation[] = [];
	await context.exposeBinding('__cspViolation', ({ page }, v: Omit<Violation, 'page'>) => seen.push({ page: page.url(), ...v }));
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) =>
			(window as unknown as { __cspViolation(v: unknown): void }).__cspViolation({
				directive: e.effectiveDirective,
				blocked: e.blockedURI,
				sample: e.sample
			})
		);
	});
	const onPage = (page: Page) =>
		page.on('console', (m) => {
			if (/Content Security Policy|Refused to (load|execute|apply|connect|frame|evaluate)/i.test(m.text())) seen.push({ page: page.url(), directive: 'console', blocked: '', sample: m.text() });
		});
	context.pages().forEach(onPage);
	context.on('page', onPage);
	return seen;
}

test('the public catalog, an initiative, /info and a leaflet run under the CSP, with the service worker', async ({ browser, app }) => {
	const context = await browser.newContext({ baseURL: app.url });
	const violations = await watchCsp(context);
	const page = await context.newPage();
	try {
		const first = await page.goto('/');
		expect(first!.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
		await expect(page.getByTestId('initiative-card').first()).toBeVisible();
		// The service worker installs and takes the page (DESIGN: the catalog works offline).
		await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
		await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

		// An initiative's page: its Markdown body, rendered on the server and hydrated.
		await page.getByTestId('initiative-card').first().getByRole('link').click();
		await expect(page).toHaveURL(/\/initiatives\//);
		await expect(page.getByTestId('initiative-body')).toBeVisible();
		await expect(page.getByTestId('initiative-body').locator('p, li, h2').first()).toBeVisible();
		await page.getByTestId('language-switch').first().click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.getByTestId('language-switch').first().click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'lv');

		// The library info point and a printable leaflet.
		await page.goto('/info');
		await page.getByRole('link', { name: /Ko var parakstīt|What can be signed/ }).click();
		await expect(page).toHaveURL(/\/info\/initiatives$/);
		await page.getByRole('link', { name: /^(Lasīt vairāk|Read more)/ }).first().click();
		await expect(page).toHaveURL(/\/info\/initiatives\/[^/]+$/);
		await page.getByTestId('print-leaflet').click();
		await expect(page).toHaveURL(/\/leaflet$/);
		await expect(page.getByTestId('leaflet')).toBeVisible();
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByTestId('leaflet')).toBeVisible();
		await page.emulateMedia({ media: 'screen' });

		// A reload is answered by the service worker's network-first route and the page cache.
		await page.reload();
		await expect(page.getByTestId('leaflet')).toBeVisible();
		expect(violations).toEqual([]);
	} finally {
		await context.close();
	}
});

test('the office flow, the printed receipt, /receipt, the back office preview and the QC dashboard run under the CSP', async ({ browser, app }) => {
	const { context, page } = await newDevice(browser, app);
	const violations = await watchCsp(context);
	try {
		await readyOffice(page, app);
		const person = uniquePerson('Ilga', 'Kalniņa');
		await openWindow(page, person);
		await sign(page, NATIONAL[0], 'Ilga Kalniņa');
		await finish(page);
		const code = (await page.getByTestId('receipt-code').getAttribute('data-code'))!;
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByTestId('receipt')).toBeVisible();
		await page.emulateMedia({ media: 'screen' });
		await done(page);
		await syncAndSettle(page);

		await page.goto('/receipt');
		await page.getByLabel('Kvīts kods').fill(code);
		await page.getByTestId('receipt-check-submit').click();
		await expect(page.getByTestId('receipt-check-result')).toBeVisible();

		// The back office: an initiative's edit page with its Markdown preview.
		await page.goto('/admin/login');
		await page.getByLabel('Lietotājvārds').fill(ADMIN.username);
		await page.getByLabel('Parole').fill(ADMIN.password);
		await page.getByTestId('admin-login-submit').click();
		await expect(page).toHaveURL(/\/admin$/);
		await page.locator('a[href="/admin/initiatives"]').first().click();
		await expect(page).toHaveURL(/\/admin\/initiatives$/);
		await page.locator('td a[href^="/admin/initiatives/"]').first().click();
		await expect(page).toHaveURL(/\/admin\/initiatives\/[^/]+$/);
		await page.getByRole('button', { name: 'Priekšskatīt tekstu' }).click();
		await expect(page.locator('.body').first()).toBeVisible();

		// Quality control, as the auditor: the dashboard draws its charts (Chart.js).
		await page.getByRole('button', { name: 'Iziet' }).click();
		await expect(page).toHaveURL(/\/admin\/login/);
		await page.goto('/qc/login');
		await page.getByLabel('Lietotājvārds').fill(AUDITOR.username);
		await page.getByLabel('Parole').fill(AUDITOR.password);
		await page.getByTestId('qc-login-submit').click();
		await expect(page).toHaveURL(/\/qc$/);
		await page.getByRole('link', { name: 'Pārskats' }).click();
		await expect(page).toHaveURL(/\/qc\/dashboard$/);
		// (The error-rate chart appears once a call is completed; tests/e2e/qc-dashboard.spec.ts draws it.)
		for (const id of ['qc-chart-per-day', 'qc-chart-flags']) {
			const canvas = page.getByTestId(id);
			await expect(canvas).toHaveAttribute('data-rendered', '1');
			const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
				const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
				return px.some((v, i) => i % 4 === 3 && v !== 0);
			});
			expect(painted, id).toBe(true);
		}
		expect(violations).toEqual([]);
	} finally {
		await context.close();
	}
});

test('the watcher sees a violation when there is one (so the tests above could fail)', async ({ browser, app }) => {
	const context = await browser.newContext({ baseURL: app.url });
	const violations = await watchCsp(context);
	const page = await context.newPage();
	try {
		await page.goto('/info');
		// What an injected script would try: an inline handler and an inline script element.
		await page.evaluate(() => {
			const s = document.createElement('script');
			s.textContent = 'window.__injected = 1';
			document.body.append(s);
		});
		// Both ways of noticing it: the page's event and the console message.
		await expect.poll(() => violations.map((v) => v.directive)).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src/), 'console']));
		expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
	} finally {
		await context.close();
	}
});
