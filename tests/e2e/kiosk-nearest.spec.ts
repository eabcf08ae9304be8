/**
 * Issue 11 §5: a PC enrolled at the Aizpute library opens with the offices nearest to its own
 * library, not the alphabetical list starting with Cēsis, in at most two clicks from the start
 * screen: the "where" tile (one click), or an initiative and its "see the centres" (two).
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { enrollmentCode, newDevice } from './office-helpers';

test.describe.configure({ timeout: 120_000 });

async function enrollLibrary(page: Page, code: string) {
	await page.goto('/kac/enroll');
	await page.getByLabel('Reģistrācijas kods').fill(code);
	await page.getByRole('button', { name: 'Reģistrēt datoru' }).click();
	await expect(page.getByTestId('enrolled-office')).toContainText('Aizput');
}

const slugs = (page: Page) => page.getByTestId('offices').getByTestId('office').evaluateAll((els) => els.map((e) => e.getAttribute('data-slug')));

test('a kiosk enrolled at the Aizpute library lists the nearest offices first, with how far, in ≤ 2 clicks', async ({ browser, app, axe }) => {
	const { context, page } = await newDevice(browser, app);
	try {
		await enrollLibrary(page, enrollmentCode(app, 'lib-aizpute'));

		// The enrolment page leads the library PC to its kiosk; from there one click: the "where can I sign" tile.
		await page.getByRole('main').getByRole('link', { name: 'Informācijas punkts' }).click();
		await expect(page).toHaveURL(/\/info$/);
		await page.getByTestId('tile-where').click();
		await expect(page).toHaveURL(/\/info\/offices$/);
		await expect(page.getByTestId('nearest-lead')).toContainText('Aizputes');
		await expect.poll(async () => (await slugs(page)).slice(0, 3)).toEqual(['kac-aizpute', 'kac-grobina', 'kac-kuldiga']);
		const first = page.getByTestId('offices').getByTestId('office').first();
		await expect(first.getByTestId('office-distance')).toHaveText('1 km no šejienes');
		await expect(page.getByTestId('offices').getByTestId('office').nth(1).getByTestId('office-distance')).toHaveText('34 km no šejienes');
		expect((await slugs(page)).at(-1)).toBe('kac-rezekne');
		await axe(page);

		// Two clicks: an open initiative on the start screen, then its "see the centres".
		// Back to the start screen the way a visitor goes: the kiosk's home link in the header.
		await page.locator('header a.brand').click();
		await expect(page).toHaveURL(/\/info$/);
		await page.getByRole('link', { name: 'Samazināt PVN svaigiem augļiem, ogām un dārzeņiem' }).click();
		await page.getByRole('link', { name: 'Skatīt centrus un darba laiku' }).click();
		await expect.poll(async () => (await slugs(page))[0]).toBe('kac-aizpute');
		await expect(page.getByTestId('office-distance').first()).toHaveText('1 km no šejienes');
	} finally {
		await context.close();
	}
});

test('a kiosk that is not enrolled keeps the usual order, without distances', async ({ page }) => {
	await page.goto('/info');
	await page.getByTestId('tile-where').click();
	await expect(page.getByTestId('offices').getByTestId('office').first()).toBeVisible();
	expect((await slugs(page))[0]).toBe('kac-cesis');
	await expect(page.getByTestId('office-distance')).toHaveCount(0);
	await expect(page.getByTestId('nearest-lead')).toHaveCount(0);
});
