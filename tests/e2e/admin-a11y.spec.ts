/**
 * The back office for people who use it every day (issue 5, Acceptance): axe finds nothing on
 * any admin page (also with form errors showing), every form works with the keyboard alone,
 * and on the real server only an administrator gets past /admin.
 */
import { expect as plainExpect, type Page } from '@playwright/test';
import { adminLogin, ADMIN, apiLogin, AUDITOR, CLERK, expect, rigaDate, rigaMonth, tabTo, test, typeHere } from './admin-helpers';

/** Chooses an option of the focused <select> with the arrow keys only. */
async function chooseWithKeys(page: Page, selector: string, value: string) {
	await tabTo(page, selector);
	await page.keyboard.press('Home');
	for (let i = 0; i < 80; i++) {
		if ((await page.locator(selector).inputValue()) === value) return;
		await page.keyboard.press('ArrowDown');
	}
	throw new Error(`${selector} never reached ${value}`);
}

/** The id in the first link of a list row matching `row`. */
async function idFrom(page: Page, list: string, row: string, prefix: string) {
	await page.goto(list);
	const href = await page.locator(`${row} a[href^="${prefix}"]`).first().getAttribute('href');
	return href!.slice(prefix.length);
}

test.describe('admin pages', () => {
	test('axe passes on every admin page, with and without form errors', async ({ page, axe }) => {
		test.setTimeout(180_000);
		await page.goto('/admin/login');
		await axe(page);
		await page.locator('#f-username').fill('admins');
		await page.locator('#f-password').fill('wrong password');
		await page.getByTestId('admin-login-submit').click();
		await expect(page.getByTestId('problem-summary')).toContainText('Nepareizs lietotājvārds vai parole');
		await axe(page);
		await adminLogin(page);

		const draft = await idFrom(page, '/admin/initiatives', 'tr:has-text("Melnraksts")', '/admin/initiatives/');
		const closed = await idFrom(page, '/admin/initiatives', 'tr:has-text("Slēgta")', '/admin/initiatives/');
		const office = await idFrom(page, '/admin/offices', 'tr[data-slug="kac-grobina"]', '/admin/offices/');
		// Its password is reset below: a login no other test uses.
		const staff = await idFrom(page, '/admin/staff', 'tr[data-username="klerks.vecpiebalga"]', '/admin/staff/');
		const pages = [
			'/admin',
			'/admin/initiatives',
			'/admin/initiatives/new',
			'/admin/initiatives/import',
			`/admin/initiatives/${draft}`,
			`/admin/initiatives/${closed}`,
			`/admin/initiatives/${closed}/export`,
			`/admin/initiatives/${closed}/summary`,
			`/admin/initiatives/${draft}/export`,
			'/admin/offices',
			'/admin/offices/new',
			'/admin/offices/import',
			`/admin/offices/${office}`,
			'/admin/staff',
			`/admin/staff/${staff}`,
			'/admin/devices',
			'/admin/audit',
			'/admin/audit?action=auth.',
			'/admin/billing',
			`/admin/billing/print?month=${rigaMonth()}&municipality=dienvidkurzemes-novads`,
			'/admin/billing/statements',
			// A month that has not ended: the draft page says why it cannot be issued.
			`/admin/billing/statements/new?office=${office}&month=${rigaMonth()}`,
			'/admin/logout'
		];
		for (const url of pages) {
			await page.goto(url);
			await expect(page.locator('h1')).toBeVisible();
			await axe(page);
		}

		// Forms showing their problems.
		await page.goto('/admin/initiatives/new');
		// Every required field filled (the browser checks those first), two of them wrong.
		for (const [field, value] of [
			['slug', 'Nav Derīgs'],
			['titleLv', 'Virsraksts'],
			['summaryLv', 'Īsi.'],
			['bodyLv', 'Teksts.'],
			['titleEn', 'Title'],
			['summaryEn', 'Short.'],
			['bodyEn', 'Text.'],
			['opens', '31.02.2026'],
			['closes', rigaDate(30)]
		]) {
			await page.locator(`#f-${field}`).fill(value);
		}
		await page.getByTestId('create-initiative').click();
		await expect(page.getByTestId('problem-summary')).toBeVisible();
		await axe(page);
		await page.goto('/admin/offices/import');
		await page.locator('#f-text').fill('slug;kind;name_lv;name_en;municipality;address;phone\nx;kac;X;X;Marss;Iela;+371 60000000');
		await page.getByTestId('import-check').click();
		await expect(page.getByTestId('import-report')).toBeVisible();
		await axe(page);
		await page.goto(`/admin/staff/${staff}`);
		await page.getByTestId('reset-password').click();
		await expect(page.getByTestId('new-password')).toBeVisible();
		await axe(page);
		await page.goto('/admin/devices');
		await page.locator('#f-office').selectOption('lib-aizpute');
		await page.locator('#f-hours').fill('0');
		await page.getByTestId('create-code').click();
		await expect(page.getByTestId('problem-summary')).toContainText('1 līdz 336');
		await axe(page);
		await page.goto(`/admin/initiatives/${closed}/export`);
		await page.locator('#f-reason').fill('Iesniegšanai pašvaldībā');
		await page.getByTestId('request-export').click();
		await expect(page.getByTestId('export-ready')).toBeVisible();
		await axe(page);
	});

	test('the 403 page a clerk sees passes axe and offers the admin login', async ({ page, app, axe }) => {
		const clerk = await apiLogin(app.url, CLERK);
		const [name, value] = clerk.cookie.split('=');
		await page.context().addCookies([{ name, value, url: app.url }]);
		const res = await page.goto('/admin/initiatives');
		plainExpect(res?.status()).toBe(403);
		await expect(page.locator('h1')).toHaveText('Piekļuve liegta');
		await expect(page.getByRole('link', { name: 'Pieslēgties kā administratoram' })).toBeVisible();
		await axe(page);
		// Logging in there as a clerk is refused too, and says why.
		await adminLogin(page, CLERK);
		await expect(page.getByTestId('problem-summary')).toContainText('nav administratora konts');
	});
});

test.describe('every form with the keyboard alone', () => {
	test.beforeEach(async ({ page }) => {
		await adminLogin(page);
	});

	test('new initiative: errors keep what was typed; fix, create, open', async ({ page }) => {
		await page.goto('/admin/initiatives/new');
		const slug = `klaviatura-${Date.now().toString(36)}`;
		await tabTo(page, '#f-slug');
		await page.keyboard.type(slug);
		await chooseWithKeys(page, '#f-scope', 'municipal');
		// The municipality is forgotten; the rest is typed field by field with Tab.
		await tabTo(page, '#f-titleLv');
		await page.keyboard.type('Ielu apgaismojums Cēsīs');
		await page.keyboard.press('Tab');
		await page.keyboard.type('Lūdzam apgaismot ielas.');
		await page.keyboard.press('Tab');
		await page.keyboard.type('## Kāpēc\n\nTumšs.');
		await tabTo(page, '#f-titleEn');
		await page.keyboard.type('Street lights in Cēsis');
		await page.keyboard.press('Tab');
		await page.keyboard.type('Please light the streets.');
		await page.keyboard.press('Tab');
		await page.keyboard.type('## Why\n\nDark.');
		await tabTo(page, '#f-opens');
		await page.keyboard.type(rigaDate(0));
		await page.keyboard.press('Tab');
		await page.keyboard.type(rigaDate(60));
		await page.keyboard.press('Tab');
		await typeHere(page, '900');
		// Enter in a text field submits the form with its first button (create).
		await page.keyboard.press('Enter');
		const summary = page.getByTestId('problem-summary');
		await expect(summary).toBeFocused();
		await expect(summary).toContainText('Pašvaldība: pašvaldības iniciatīvai izvēlieties pašvaldību');
		await expect(page.locator('#f-titleLv')).toHaveValue('Ielu apgaismojums Cēsīs');
		await expect(page.locator('#f-bodyLv')).toHaveValue('## Kāpēc\n\nTumšs.');
		await expect(page.locator('#f-goal')).toHaveValue('900');
		await expect(page.locator('#f-municipality')).toHaveAttribute('aria-invalid', 'true');
		// The summary links to the field.
		await tabTo(page, '[data-testid=problem-summary] a');
		await page.keyboard.press('Enter');
		await expect(page.locator('#f-municipality')).toBeFocused();
		await chooseWithKeys(page, '#f-municipality', 'cesu-novads');
		await tabTo(page, '[data-testid=create-initiative]');
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\?created=1$/);
		await tabTo(page, '[data-testid=status-open]');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('current-status')).toHaveText('Atvērta');
	});

	test('office: hours and holiday closures', async ({ page }) => {
		await page.goto('/admin/offices');
		await page.goto((await page.locator('tr[data-slug="kac-kekava"] a').getAttribute('href'))!);
		await tabTo(page, '#f-sat');
		await typeHere(page, '9-13');
		await tabTo(page, '#f-closures');
		await typeHere(page, '24.12.2026, 31.12.2026');
		await tabTo(page, '[data-testid=save-office]');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('problem-sat')).toContainText('8:30-12:00');
		await expect(page.locator('#f-closures')).toHaveValue('24.12.2026, 31.12.2026');
		await tabTo(page, '#f-sat');
		await typeHere(page, '9:00-13:00');
		await tabTo(page, '[data-testid=save-office]');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('saved')).toBeVisible();
		await expect(page.locator('#f-closures')).toHaveValue('24.12.2026, 31.12.2026');
		await expect(page.locator('#f-sat')).toHaveValue('09:00-13:00');
	});

	test('staff: create a clerk, new password, move to another KAC, deactivate', async ({ page }) => {
		await page.goto('/admin/staff');
		const username = `klerks.${Date.now().toString(36)}`;
		await tabTo(page, '#f-displayName');
		await page.keyboard.type('Kārlis Kalniņš');
		await page.keyboard.press('Tab');
		await page.keyboard.type(username);
		await chooseWithKeys(page, '#f-role', 'clerk');
		await chooseWithKeys(page, '#f-office', 'kac-cesis');
		await tabTo(page, '#f-password');
		await page.keyboard.type('isa');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('problem-summary')).toContainText('vismaz 10 rakstzīmes');
		await expect(page.locator('#f-displayName')).toHaveValue('Kārlis Kalniņš');
		await expect(page.locator('#f-office')).toHaveValue('kac-cesis');
		await tabTo(page, '#f-password');
		await page.keyboard.type('ilga-un-droša-parole');
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/admin\/staff\/[0-9a-f-]+\?created=1$/);

		await tabTo(page, '[data-testid=reset-password]');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('new-password')).toBeFocused();
		await chooseWithKeys(page, '#f-office', 'kac-talsi');
		await tabTo(page, '[data-testid=assign]');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('done')).toHaveText('KAC nomainīts.');
		await tabTo(page, '[data-testid=deactivate]');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('problem-summary')).toContainText('atzīmējiet');
		await tabTo(page, '#f-confirm');
		await page.keyboard.press('Space');
		await tabTo(page, '[data-testid=deactivate]');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('staff-state')).toContainText('deaktivizēts');
	});

	test('devices: an enrollment code, then revoke with confirmation', async ({ page }) => {
		await page.goto('/admin/devices');
		await chooseWithKeys(page, '#f-office', 'lib-aizpute');
		await chooseWithKeys(page, '#f-kind', 'library');
		await tabTo(page, '[data-testid=create-code]');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('enrollment-code-box')).toBeFocused();
		await expect(page.getByTestId('enrollment-code')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		// Enroll a device with it over the API, then revoke it from the list.
		const code = (await page.getByTestId('enrollment-code').textContent())!;
		const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
		const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
		const enrolled = await page.request.post('/api/trpc/device.enroll', {
			data: { code, publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } },
			headers: { origin: new URL(page.url()).origin }
		});
		const deviceId = (await enrolled.json()).result.data.device.id as string;
		await page.reload();
		await tabTo(page, `tr[data-device="${deviceId}"] [data-testid=revoke]`);
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('confirm-revoke')).toBeFocused();
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('revoked')).toBeVisible();
		await expect(page.locator(`tr[data-device="${deviceId}"]`)).toContainText('atsaukta');
	});

	test('export: the reason and the download', async ({ page }) => {
		await page.goto('/admin/initiatives');
		await page.goto((await page.locator('tr:has-text("Slēgta") a').first().getAttribute('href'))! + '/export');
		await tabTo(page, '#f-reason');
		await page.keyboard.type('Pašvaldības pieprasījums Nr. 7');
		await tabTo(page, '[data-testid=request-export]');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('export-ready')).toBeFocused();
		await page.keyboard.press('Tab');
		await expect(page.getByTestId('download-export')).toBeFocused();
		const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
		plainExpect(download.suggestedFilename()).toMatch(/^paraksti-.+\.csv$/);
	});

	test('audit filter, chain check, billing month and an import check', async ({ page }) => {
		await page.goto('/admin/audit');
		await chooseWithKeys(page, '#f-action', 'auth.');
		await tabTo(page, '#f-actor');
		await page.keyboard.type(ADMIN.username);
		await tabTo(page, '[data-testid=audit-filter-submit]');
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/action=auth\.&actor=admins/);
		await expect(page.locator('tr[data-action="auth.login"]').first()).toBeVisible();
		await tabTo(page, '#f-from');
		await typeHere(page, '31.02.2026');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('problem-from')).toBeVisible();
		await tabTo(page, '[data-testid=verify-chain]');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('chain-ok')).toBeVisible();

		await page.goto('/admin/billing');
		await tabTo(page, '#f-month');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/month=\d{4}-\d{2}/);

		await page.goto('/admin/initiatives/import');
		await tabTo(page, '#f-text');
		await page.keyboard.type('[{"slug": "Nav Derīga"}]');
		await tabTo(page, '[data-testid=import-check]');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('import-report')).toBeFocused();
		await expect(page.getByTestId('import-bad')).toContainText('Problēmas ir 1 no 1');
		await expect(page.locator('#f-text')).toHaveValue('[{"slug": "Nav Derīga"}]');
	});
});

/** A request with exactly the cookie given: no cookie jar shared between visitors. */
async function send(url: string, o: { cookie?: string; method?: 'GET' | 'POST'; form?: Record<string, string>; json?: unknown; origin?: string }) {
	const headers: Record<string, string> = { accept: 'text/html' };
	if (o.cookie) headers.cookie = o.cookie;
	if (o.origin) headers.origin = o.origin;
	let body: string | undefined;
	if (o.form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(o.form).toString();
	} else if (o.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(o.json);
	}
	return fetch(url, { method: o.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
}

test('on the real server only an administrator gets past /admin', async ({ app }) => {
	test.setTimeout(90_000);
	const pages = ['/admin', '/admin/initiatives', '/admin/initiatives/new', '/admin/initiatives/import', '/admin/offices', '/admin/offices/new', '/admin/offices/import', '/admin/staff', '/admin/devices', '/admin/audit', '/admin/billing', '/admin/logout', `/admin/billing/csv?month=${rigaMonth()}`];
	const admin = await apiLogin(app.url, ADMIN);
	const clerk = await apiLogin(app.url, CLERK);
	const auditor = await apiLogin(app.url, AUDITOR);
	// An administrator's login on a library PC.
	const code = await send(`${app.url}/api/trpc/device.createEnrollmentCode`, { json: { office: 'lib-aizpute', kind: 'library' }, cookie: admin.cookie, origin: app.url });
	const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
	const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
	const enrolled = await send(`${app.url}/api/trpc/device.enroll`, {
		json: { code: (await code.json()).result.data.code, publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } },
		origin: app.url
	});
	const libraryId = (await enrolled.json()).result.data.device.id;
	const onLibrary = await send(`${app.url}/api/trpc/auth.login`, { json: { username: ADMIN.username, password: ADMIN.password, deviceId: libraryId }, origin: app.url });
	const libraryCookie = onLibrary.headers.get('set-cookie')!.split(';')[0];

	const visitors: [string, string | undefined, number][] = [
		['anonymous', undefined, 303],
		['clerk', clerk.cookie, 403],
		['auditor', auditor.cookie, 403],
		['library device', libraryCookie, 403],
		['administrator', admin.cookie, 200]
	];
	for (const [who, cookie, status] of visitors) {
		for (const url of pages) {
			const res = await send(`${app.url}${url}`, { cookie });
			plainExpect(res.status, `${who} GET ${url}`).toBe(status);
			if (status === 303) plainExpect(res.headers.get('location')).toMatch(/^\/admin\/login\?next=/);
			await res.arrayBuffer();
		}
		// A form action as each of them.
		const res = await send(`${app.url}/admin/initiatives/new?/create`, { form: { slug: `authz-${who.replace(' ', '-')}` }, origin: app.url, cookie });
		plainExpect(res.status, `${who} POST create`).toBe(who === 'administrator' ? 400 : 403);
		// The admin tRPC procedures too.
		const trpc = await send(`${app.url}/api/trpc/admin.auditVerify`, { cookie });
		plainExpect(trpc.status, `${who} admin.auditVerify`).toBe(who === 'administrator' ? 200 : who === 'anonymous' ? 401 : 403);
	}
});
