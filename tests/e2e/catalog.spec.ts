import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * The public catalog (/) and the initiative pages, against the demo data of
 * server/seed/demo-data.ts (dates are relative to seeding, so only day counts are asserted).
 */

/** Waits until the page has hydrated and read the device's catalog, so controls react. */
async function ready(page: Page) {
	await expect(page.getByTestId('catalog-updated')).not.toHaveText(/nav ielādēti|No data/);
}

// Open demo initiatives, closing soonest first (4, 120, 180, 240 and 290 days left).
const OPEN_BY_CLOSING = [
	'Visi publiskie iepirkumi — atvērtos datos',
	'Dienvidkurzemes novada bibliotēkas atvērtas arī sestdienās',
	'Samazināt PVN svaigiem augļiem, ogām un dārzeņiem',
	'Bezmaksas sabiedriskais transports visiem skolēniem',
	'Saglabāt Alauksta ezera krastu pieejamu visiem'
];

function cardTitles(page: Page) {
	return page.getByTestId('open-initiatives').getByTestId('initiative-card').locator('h3');
}

test.describe('public catalog', () => {
	test('lists the open demo initiatives with progress, closing date and days left', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pilsoņu iniciatīvas');
		await expect(cardTitles(page)).toHaveText(OPEN_BY_CLOSING);
		await expect(page.getByTestId('results-count')).toHaveText('Atrastas 5 atvērtas iniciatīvas');

		const pvn = page.locator('[data-testid=initiative-card][data-slug=pvn-augliem-un-darzeniem]');
		await expect(pvn.getByTestId('scope-badge')).toContainText('Saeima');
		// Latvian grouping: four digits stay together, five get a no-break space.
		await expect(pvn.getByTestId('progress-text')).toHaveText('6184 no 10\u00a0000 parakstiem');
		const bar = pvn.getByRole('progressbar', {
			name: 'Savāktie paraksti: Samazināt PVN svaigiem augļiem, ogām un dārzeņiem'
		});
		await expect(bar).toHaveAttribute('aria-valuenow', '6184');
		await expect(bar).toHaveAttribute('aria-valuemax', '10000');
		await expect(bar).toHaveAttribute('aria-valuetext', /6184 no 10\s000 parakstiem \(61\s%\)/);
		await expect(pvn).toContainText(/Parakstīt var līdz \d{2}\.\d{2}\.\d{4}/);
		await expect(pvn.getByTestId('days-left')).toHaveText(/^atlikušas 1[78]\d dienas$/);
		await expect(pvn.getByRole('link', { name: /Samazināt PVN/ })).toHaveAttribute(
			'href',
			'/initiatives/pvn-augliem-un-darzeniem'
		);

		const municipal = page.locator('[data-testid=initiative-card][data-slug=alauksta-ezera-krasts]');
		await expect(municipal.getByTestId('scope-badge')).toContainText('Cēsu novads');

		// Only the one closing in four days is marked as closing soon.
		await expect(page.getByTestId('closing-soon')).toHaveCount(1);
		const soon = page.locator('[data-testid=initiative-card][data-slug=atvertie-dati-publiskajos-iepirkumos]');
		await expect(soon.getByTestId('closing-soon')).toHaveText('Drīz noslēgsies');
		await expect(soon.getByTestId('days-left')).toHaveText(/^atlikušas [345] dienas$/);

		// Closed and submitted ones are listed apart, with their final counts; drafts nowhere.
		const finished = page.getByTestId('finished-initiatives');
		await expect(finished.getByRole('listitem')).toHaveCount(2);
		await expect(finished).toContainText('Drošs ceļš uz skolu: 30 km/h pie visām skolām');
		await expect(finished).toContainText('Iesniegta');
		await expect(finished).toContainText('11\u00a0873 paraksti');
		await expect(finished).toContainText('574 paraksti');
		await expect(page.getByText('Pasta pakalpojumi tuvu mājām')).toHaveCount(0);
	});

	test('filters by scope and municipality, mirrored in the URL', async ({ page }) => {
		await page.goto('/');
		await ready(page);
		await expect(cardTitles(page)).toHaveCount(5);

		await page.getByRole('radio', { name: 'Saeimai' }).check();
		await expect(page).toHaveURL(/\/\?scope=national$/);
		await expect(cardTitles(page)).toHaveText([OPEN_BY_CLOSING[0], OPEN_BY_CLOSING[2], OPEN_BY_CLOSING[3]]);
		await expect(page.getByTestId('results-count')).toHaveText('Atrastas 3 atvērtas iniciatīvas');

		await page.getByRole('radio', { name: 'Pašvaldībām' }).check();
		await expect(page).toHaveURL(/\/\?scope=municipal$/);
		await expect(cardTitles(page)).toHaveText([OPEN_BY_CLOSING[1], OPEN_BY_CLOSING[4]]);

		// Only municipalities that have initiatives, in Latvian alphabetical order (Ķ after K).
		const municipality = page.getByLabel('Pašvaldība', { exact: true });
		await expect(municipality.locator('option')).toHaveText([
			'Visas pašvaldības',
			'Cēsu novads',
			'Dienvidkurzemes novads',
			'Ķekavas novads'
		]);
		await municipality.selectOption('cesu-novads');
		await expect(page).toHaveURL(/\/\?scope=municipal&municipality=cesu-novads$/);
		await expect(cardTitles(page)).toHaveText([OPEN_BY_CLOSING[4]]);
		await expect(page.getByTestId('results-count')).toHaveText('Atrasta 1 atvērta iniciatīva');

		// The URL alone restores the filters (server-rendered).
		await page.reload();
		await ready(page);
		await expect(page.getByLabel('Pašvaldība', { exact: true })).toHaveValue('cesu-novads');
		await expect(page.getByRole('radio', { name: 'Pašvaldībām' })).toBeChecked();
		await expect(cardTitles(page)).toHaveText([OPEN_BY_CLOSING[4]]);

		// Ķekava has only a closed initiative: the empty state, and the closed one below.
		await page.getByLabel('Pašvaldība', { exact: true }).selectOption('kekavas-novads');
		await expect(page).toHaveURL(/municipality=kekavas-novads/);
		await expect(page.getByTestId('empty-state')).toBeVisible();
		await expect(page.getByTestId('results-count')).toHaveText(
			'Neviena atvērta iniciatīva neatbilst izvēlētajai atlasei.'
		);
		await expect(page.getByTestId('finished-initiatives').getByRole('listitem')).toHaveCount(1);
		await expect(page.getByTestId('finished-initiatives')).toContainText('Ķekavu');

		// Back to everything.
		await page.getByRole('radio', { name: 'Visas' }).check();
		await expect(page).toHaveURL(/\/$/);
		await expect(cardTitles(page)).toHaveCount(5);
	});

	test('sorts by title in Latvian alphabetical order and by signatures', async ({ page }) => {
		await page.goto('/');
		await ready(page);
		await page.getByLabel('Kārtot', { exact: true }).selectOption('title');
		await expect(page).toHaveURL(/\?sort=title$/);
		const expected = [...OPEN_BY_CLOSING].sort(new Intl.Collator('lv').compare);
		expect(expected).toEqual([
			'Bezmaksas sabiedriskais transports visiem skolēniem',
			'Dienvidkurzemes novada bibliotēkas atvērtas arī sestdienās',
			'Saglabāt Alauksta ezera krastu pieejamu visiem',
			'Samazināt PVN svaigiem augļiem, ogām un dārzeņiem',
			'Visi publiskie iepirkumi — atvērtos datos'
		]);
		await expect(cardTitles(page)).toHaveText(expected);

		await page.getByLabel('Kārtot', { exact: true }).selectOption('signatures');
		await expect(page).toHaveURL(/\?sort=signatures$/);
		await expect(cardTitles(page)).toHaveText([
			OPEN_BY_CLOSING[0], // 9640
			OPEN_BY_CLOSING[2], // 6184
			OPEN_BY_CLOSING[3], // 2317
			OPEN_BY_CLOSING[1], // 412
			OPEN_BY_CLOSING[4] // 23
		]);
	});

	test('keyboard only: Tab to a filter, change it, Tab to a card and open it with Enter', async ({ page }) => {
		await page.goto('/');
		await ready(page);
		await expect(cardTitles(page)).toHaveCount(5);

		const focusedIs = (selector: string) =>
			page.evaluate((s) => !!document.activeElement?.matches(s), selector);
		for (let i = 0; i < 30 && !(await focusedIs('input[name=scope]')); i++) await page.keyboard.press('Tab');
		expect(await focusedIs('input[name=scope][value=all]')).toBe(true);

		await page.keyboard.press('ArrowRight');
		await expect(page).toHaveURL(/\?scope=national$/);
		await expect(page.getByRole('radio', { name: 'Saeimai' })).toBeChecked();
		await expect(page.getByRole('radio', { name: 'Saeimai' })).toBeFocused();
		await expect(cardTitles(page)).toHaveCount(3);

		const cardLink = '[data-testid=initiative-card] h3 a';
		for (let i = 0; i < 10 && !(await focusedIs(cardLink)); i++) await page.keyboard.press('Tab');
		expect(await focusedIs(cardLink)).toBe(true);
		const href = await page.evaluate(() => document.activeElement?.getAttribute('href'));
		expect(href).toBe('/initiatives/atvertie-dati-publiskajos-iepirkumos');

		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/initiatives\/atvertie-dati-publiskajos-iepirkumos$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Visi publiskie iepirkumi — atvērtos datos');
	});

	test('an initiative page shows its progress by channel, its text and where to sign', async ({ page }) => {
		await page.goto('/initiatives/dienvidkurzemes-bibliotekas-sestdienas');
		const title = 'Dienvidkurzemes novada bibliotēkas atvērtas arī sestdienās';
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(page).toHaveTitle(`${title} — Klātiene`);
		await expect(page.getByTestId('status')).toHaveText('Atvērta parakstīšanai');
		await expect(page.getByTestId('scope-badge').first()).toContainText('Dienvidkurzemes novads');
		await expect(page.getByTestId('progress-text')).toHaveText('412 no 560 parakstiem');
		await expect(page.getByTestId('online-count')).toHaveText('412');
		await expect(page.getByTestId('in-person-count')).toHaveText('0');
		await expect(page.getByTestId('initiative-body').getByRole('heading', { name: 'Kāpēc' })).toBeVisible();
		await expect(page.getByText(/Parakstīt var līdz \d{2}\.\d{2}\.\d{4}/)).toBeVisible();

		// Municipal: the KAC offices of its own municipality come first.
		const where = page.getByTestId('where-to-sign');
		await expect(where.getByRole('heading', { name: 'Centri pašvaldībā: Dienvidkurzemes novads' })).toBeVisible();
		const municipalities = await where.getByTestId('office').evaluateAll((els) =>
			els.map((e) => e.getAttribute('data-municipality'))
		);
		expect(municipalities.slice(0, 2)).toEqual(['dienvidkurzemes-novads', 'dienvidkurzemes-novads']);
		expect(municipalities.slice(2)).not.toContain('dienvidkurzemes-novads');
		expect(municipalities).toHaveLength(12); // every KAC, no libraries
		await expect(where.getByTestId('opening-status').first()).toHaveText(/^(Atvērts līdz|Slēgts)/);

		// A closed one says so and offers no office.
		await page.goto('/initiatives/kekavas-novada-autobuss');
		await expect(page.getByTestId('status')).toHaveText('Parakstu vākšana noslēgusies');
		await expect(page.getByTestId('where-to-sign')).toContainText('Šo iniciatīvu vairs nevar parakstīt.');
		await expect(page.getByTestId('where-to-sign').getByTestId('office')).toHaveCount(0);
	});

	test('an unknown initiative is a real 404 with the not-found page', async ({ page }) => {
		const response = await page.goto('/initiatives/nav-tadas-iniciativas');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lapa nav atrasta');
		await expect(page.getByRole('link', { name: 'Uz sākumlapu' })).toBeVisible();
	});

	test('the language switch changes the page to English and back, and persists across reloads', async ({
		page
	}) => {
		await page.goto('/');
		await ready(page);
		await expect(page.locator('html')).toHaveAttribute('lang', 'lv');
		await page.getByTestId('language-switch').click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Citizen initiatives');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(cardTitles(page).first()).toHaveText('All public procurement as open data');
		await expect(page.getByTestId('results-count')).toHaveText('5 open initiatives found');
		await expect(page.getByText('6,184 of 10,000 signatures').first()).toBeVisible();

		await page.reload();
		await ready(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Citizen initiatives');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		// English titles sort in English; municipality names are English too.
		await page.getByLabel('Sort', { exact: true }).selectOption('title');
		await expect(cardTitles(page).first()).toHaveText('All public procurement as open data');
		await expect(page.getByLabel('Municipality', { exact: true }).locator('option').nth(1)).toHaveText('Cēsis Municipality');

		await page.getByTestId('language-switch').click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pilsoņu iniciatīvas');
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pilsoņu iniciatīvas');
		await expect(page.locator('html')).toHaveAttribute('lang', 'lv');
	});

	test('no axe violations on the catalog, an initiative page and the 404 page', async ({ page, axe }) => {
		test.setTimeout(240_000); // several pages, each checked by axe
		await page.goto('/');
		await expect(cardTitles(page)).toHaveCount(5);
		await axe(page);

		await page.goto('/?scope=municipal&municipality=kekavas-novads');
		await expect(page.getByTestId('empty-state')).toBeVisible();
		await axe(page);

		await page.goto('/initiatives/pvn-augliem-un-darzeniem');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await page.getByText('Darba laiks').first().click();
		await expect(page.getByRole('table', { name: /Darba laiks/ }).first()).toBeVisible();
		await axe(page);

		await page.goto('/initiatives/drosa-satiksme-pie-skolam');
		await expect(page.getByTestId('status')).toHaveText('Iesniegta');
		await axe(page);

		await page.goto('/initiatives/nav-tadas');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lapa nav atrasta');
		await axe(page);

		await page.context().addCookies([{ name: 'lang', value: 'en', url: page.url() }]);
		await page.goto('/initiatives/alauksta-ezera-krasts');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keep the shore of Lake Alauksts open to everyone');
		await axe(page);
	});
});
