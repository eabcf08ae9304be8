import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * The library information point (/info): read-only kiosk pages with their own chrome,
 * against the demo data of server/seed/demo-data.ts.
 */

/** Waits until the page has hydrated and read the device's catalog, so controls react. */
async function ready(page: Page) {
	await expect(page.getByTestId('catalog-updated')).not.toHaveText(/nav ielādēti|No data/);
}

const OPEN_BY_CLOSING = [
	'Visi publiskie iepirkumi — atvērtos datos',
	'Dienvidkurzemes novada bibliotēkas atvērtas arī sestdienās',
	'Samazināt PVN svaigiem augļiem, ogām un dārzeņiem',
	'Bezmaksas sabiedriskais transports visiem skolēniem',
	'Saglabāt Alauksta ezera krastu pieejamu visiem'
];

test.describe('library information point', () => {
	test('the start page has its own calm chrome, three ways in and what can be signed now', async ({ page }) => {
		await page.goto('/info');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pilsoņu iniciatīvas: ko var parakstīt un kur');
		// Kiosk chrome: no site navigation, but the app name, the language switch and the network state.
		await expect(page.getByRole('navigation', { name: 'Galvenā navigācija' })).toHaveCount(0);
		const banner = page.getByRole('banner');
		await expect(banner).toContainText('Klātiene');
		await expect(banner.getByTestId('language-switch')).toBeVisible();
		await expect(banner.getByTestId('network-status')).toBeVisible();
		await expect(page.getByRole('main')).toHaveCount(1);

		const menu = page.getByRole('navigation', { name: 'Izvēlieties, ko vēlaties uzzināt' });
		await expect(menu.getByRole('link')).toHaveText([
			/Ko var parakstīt/,
			/Kur parakstīt klātienē/,
			/Kā notiek parakstīšana/
		]);
		// Large type and large targets.
		const fontSize = await page.getByRole('main').evaluate((m) => parseFloat(getComputedStyle(m).fontSize));
		const rootSize = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
		expect(fontSize / rootSize).toBeGreaterThanOrEqual(1.35);
		for (const box of await menu.getByRole('link').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().height)))
			expect(box).toBeGreaterThanOrEqual(48);

		await expect(page.getByRole('main').getByRole('list').last().getByRole('link')).toHaveText(OPEN_BY_CLOSING);
	});

	test('"Ko var parakstīt" lists open initiatives with a big "Read more"', async ({ page }) => {
		await page.goto('/info');
		await ready(page);
		await page.getByRole('link', { name: /Ko var parakstīt/ }).click();
		await expect(page).toHaveURL(/\/info\/initiatives$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ko var parakstīt');
		await expect(page.getByRole('heading', { level: 2 })).toHaveText(OPEN_BY_CLOSING);
		const first = page.getByTestId('initiative-card').first();
		await expect(first.getByTestId('progress-text')).toHaveText('9640 no 10\u00a0000 parakstiem');
		const more = page.getByRole('link', { name: `Lasīt vairāk: ${OPEN_BY_CLOSING[0]}` });
		expect((await more.boundingBox())!.height).toBeGreaterThanOrEqual(48);
		await more.click();
		await expect(page).toHaveURL(/\/info\/initiatives\/atvertie-dati-publiskajos-iepirkumos$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(OPEN_BY_CLOSING[0]);
		await expect(page.getByTestId('where-to-sign')).toContainText(
			'Šo iniciatīvu var parakstīt jebkurā klientu apkalpošanas centrā Latvijā.'
		);
	});

	test('an initiative page shows progress and where to sign, and prints a one-page leaflet', async ({ page }) => {
		await page.goto('/info/initiatives/dienvidkurzemes-bibliotekas-sestdienas');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(OPEN_BY_CLOSING[1]);
		await expect(page.getByTestId('progress-text')).toHaveText('412 no 560 parakstiem');
		await expect(page.getByText(/Parakstīt var līdz \d{2}\.\d{2}\.\d{4} \(atlikušas \d+ dienas\)/)).toBeVisible();
		const where = page.getByTestId('where-to-sign');
		await expect(where.getByTestId('office')).toHaveCount(2);
		await expect(where.getByTestId('office').first()).toHaveAttribute('data-municipality', 'dienvidkurzemes-novads');
		await expect(where.getByRole('link', { name: 'Skatīt centrus un darba laiku' })).toHaveAttribute(
			'href',
			'/info/offices?municipality=dienvidkurzemes-novads'
		);

		await ready(page);
		await page.getByTestId('print-leaflet').click();
		await expect(page).toHaveURL(/\/info\/initiatives\/dienvidkurzemes-bibliotekas-sestdienas\/leaflet$/);
		const leaflet = page.getByTestId('leaflet');
		await expect(leaflet.getByRole('heading', { level: 1 })).toHaveText(OPEN_BY_CLOSING[1]);
		await expect(page.getByTestId('leaflet-progress')).toHaveText(
			'Līdz šim savākti 412 no 560 nepieciešamajiem parakstiem (73\u00a0%).'
		);
		await expect(page.getByTestId('leaflet-deadline')).toHaveText(/^Parakstīt var līdz \d{2}\.\d{2}\.\d{4} \(ieskaitot\)\.$/);
		await expect(leaflet.getByRole('heading', { name: 'Kā parakstīt' })).toBeVisible();
		// A municipal initiative: only that municipality's KAC offices, with their hours.
		const offices = page.getByTestId('leaflet-offices').getByRole('listitem');
		await expect(offices).toHaveCount(2);
		for (const m of await offices.evaluateAll((ls) => ls.map((l) => l.getAttribute('data-municipality'))))
			expect(m).toBe('dienvidkurzemes-novads');
		await expect(offices.first()).toContainText('P 8:00–12:00, 12:30–18:00; O–C 8:00–12:00, 12:30–17:00');

		// The print button and the kiosk chrome stay off the paper, and it fits one A4 page.
		await expect(page.getByTestId('print-button')).toBeVisible();
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByTestId('print-button')).toBeHidden();
		await expect(page.getByRole('banner')).toBeHidden();
		await expect(leaflet).toBeVisible();
		const pdf = await page.pdf({ preferCSSPageSize: true });
		expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);

		// A Saeima initiative lists every KAC, still on one page.
		await page.emulateMedia({ media: 'screen' });
		await page.goto('/info/initiatives/pvn-augliem-un-darzeniem/leaflet');
		await expect(page.getByTestId('leaflet-offices').getByRole('listitem')).toHaveCount(12);
		await page.emulateMedia({ media: 'print' });
		const pdf2 = await page.pdf({ preferCSSPageSize: true });
		expect(pdf2.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
	});

	test('/info/offices filters the KAC offices by municipality, with weekly hours', async ({ page }) => {
		await page.goto('/info');
		await ready(page);
		await page.getByRole('link', { name: /Kur parakstīt klātienē/ }).click();
		await expect(page).toHaveURL(/\/info\/offices$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kur parakstīt klātienē');
		// Signing points only: 12 KAC offices, none of the libraries.
		await expect(page.getByTestId('office')).toHaveCount(12);
		await expect(page.getByText('Nacionālā bibliotēka')).toHaveCount(0);
		await expect(page.getByTestId('offices-count')).toHaveText('Atrasti 12 centri');

		const select = page.getByLabel('Pašvaldība');
		const options = await select.locator('option').allTextContents();
		expect(options.slice(1)).toEqual([...options.slice(1)].sort(new Intl.Collator('lv').compare));
		expect(options.indexOf('Ķekavas novads')).toBeGreaterThan(options.indexOf('Kuldīgas novads'));

		await select.selectOption('cesu-novads');
		await expect(page).toHaveURL(/\/info\/offices\?municipality=cesu-novads$/);
		await expect(page.getByTestId('office')).toHaveCount(2);
		await expect(page.getByTestId('offices-count')).toHaveText('Atrasti 2 centri');
		const vecpiebalga = page.locator('[data-testid=office][data-slug=kac-vecpiebalga]');
		await expect(vecpiebalga).toContainText('Alauksta iela 4, Vecpiebalga');
		await expect(vecpiebalga).toContainText('+371 6416 1275');
		const table = vecpiebalga.getByRole('table');
		await expect(table.locator('tbody tr')).toHaveCount(7);
		await expect(table.locator('tbody th')).toContainText([
			'Pirmdiena',
			'Otrdiena',
			'Trešdiena',
			'Ceturtdiena',
			'Piektdiena',
			'Sestdiena',
			'Svētdiena'
		]);
		await expect(table.locator('tbody tr').nth(0).locator('td')).toHaveText('8:00–12:00, 12:30–17:00');
		await expect(table.locator('tbody tr').nth(1).locator('td')).toHaveText('Slēgts');
		await expect(vecpiebalga.getByTestId('opening-status')).toHaveText(/^(Atvērts līdz \d{1,2}:\d{2}|Slēgts — atvērs .+ \d{1,2}:\d{2})$/);

		// The URL alone restores the choice.
		await page.reload();
		await expect(page.getByLabel('Pašvaldība')).toHaveValue('cesu-novads');
		await expect(page.getByTestId('office')).toHaveCount(2);
	});

	test('the opening status is live and re-evaluated every minute', async ({ page }) => {
		// Monday 2 March 2026, 16:58 in Riga (UTC+2). Vecpiebalga: Mon 8–12, 12:30–17, closed Tuesday.
		await page.clock.install({ time: new Date('2026-03-02T14:58:00Z') });
		await page.goto('/info/offices?municipality=cesu-novads');
		const status = page.locator('[data-testid=office][data-slug=kac-vecpiebalga]').getByTestId('opening-status');
		await expect(status).toHaveText('Atvērts līdz 17:00');
		await expect(status).toHaveAttribute('data-open', 'true');
		// Less than the three-minute idle reset, which would leave the page.
		await page.clock.fastForward('02:10');
		await expect(status).toHaveText('Slēgts — atvērs trešdien 8:00');
		await expect(status).toHaveAttribute('data-open', 'false');
		const cesis = page.locator('[data-testid=office][data-slug=kac-cesis]').getByTestId('opening-status');
		await expect(cesis).toHaveText('Atvērts līdz 18:00');
	});

	test('"Kā notiek parakstīšana" explains the steps', async ({ page }) => {
		await page.goto('/info');
		await ready(page);
		await page.getByRole('link', { name: /Kā notiek parakstīšana/ }).click();
		await expect(page).toHaveURL(/\/info\/how$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kā notiek parakstīšana');
		const steps = page.getByRole('main').locator('ol > li');
		await expect(steps).toHaveCount(5);
		await expect(steps.first()).toContainText('pasi vai personas apliecību');
		await expect(steps.nth(3)).toContainText('Darbinieks jūsu vietā neparakstās');
		await expect(steps.nth(4)).toContainText('kvīti');
	});

	test('after a while without input any /info page returns to /info, in Latvian', async ({ page }) => {
		await page.goto('/info/how?idle=2');
		await expect(page.getByTestId('kiosk')).toHaveAttribute('data-idle-ms', '2000');
		await ready(page);
		// Navigating within /info keeps the shortened delay; with no input it goes back to the start.
		await page.getByRole('link', { name: 'Kur parakstīt klātienē' }).click();
		await expect(page).toHaveURL(/\/info\/offices$/);
		// This visitor reads in English; the next one must start in Latvian again.
		await page.getByTestId('language-switch').click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page).toHaveURL(/\/info$/, { timeout: 10_000 });
		await expect(page.locator('html')).toHaveAttribute('lang', 'lv');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pilsoņu iniciatīvas: ko var parakstīt un kur');
		// The default is three minutes.
		await page.goto('/info');
		await expect(page.getByTestId('kiosk')).toHaveAttribute('data-idle-ms', String(3 * 60 * 1000));
	});

	test('the language switch works in the kiosk and an unknown initiative is a 404 there too', async ({ page }) => {
		await page.goto('/info/initiatives');
		await ready(page);
		await page.getByTestId('language-switch').click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('What can I sign');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.reload();
		await ready(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('What can I sign');
		await page.getByTestId('language-switch').click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ko var parakstīt');

		const response = await page.goto('/info/initiatives/nav-tadas');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lapa nav atrasta');
		await expect(page.getByRole('link', { name: 'Atpakaļ uz sākumu' })).toHaveAttribute('href', '/info');
		await expect(page.getByRole('main')).toHaveCount(1);
	});

	test('no axe violations on any /info page', async ({ page, axe }) => {
		test.setTimeout(240_000); // ten pages, each checked by axe
		for (const path of [
			'/info',
			'/info/initiatives',
			'/info/offices',
			'/info/offices?municipality=cesu-novads',
			'/info/how',
			'/info/initiatives/pvn-augliem-un-darzeniem',
			'/info/initiatives/dienvidkurzemes-bibliotekas-sestdienas',
			'/info/initiatives/dienvidkurzemes-bibliotekas-sestdienas/leaflet',
			'/info/initiatives/pvn-augliem-un-darzeniem/leaflet'
		]) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await axe(page);
		}
		await page.goto('/info/initiatives/pvn-augliem-un-darzeniem');
		await page.getByText('Pilns iniciatīvas teksts').click();
		await axe(page);
	});
});
