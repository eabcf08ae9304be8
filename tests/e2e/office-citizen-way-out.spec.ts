/**
 * Issue 11 §2: in citizen mode the way out is always in sight. At 1280×800 and at 200 % zoom
 * (the same screen, 640×400 CSS pixels at twice the density), after a signature, on a long
 * list, in a long text and in the confirmation dialog. Visibility in the viewport is asserted,
 * not timing; the time-outs run on a fake clock.
 */
import { test, expect } from './fixtures';
import { citizenLv } from '../../src/lib/i18n/messages/citizen.lv';
import { NATIONAL, newDevice, openWindow, readyOffice, uniquePerson } from './office-helpers';
import type { Page } from '@playwright/test';

test.describe.configure({ timeout: 180_000 });

const SCREENS = [
	{ name: '1280×800', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
	{ name: '200 % zoom', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }
];

async function fontSize(page: Page, testId: string) {
	return page.getByTestId(testId).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

for (const screen of SCREENS) {
	test(`at ${screen.name}: finish and the time left stay in view; after a signature, "sign another" or "finish" right there`, async ({ browser, app }) => {
		const context = await browser.newContext({ baseURL: app.url, viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor });
		const page = await context.newPage();
		try {
			await readyOffice(page, app);
			const person = uniquePerson('Vilma', 'Ozola', 3, 4, 1949);
			await openWindow(page, person);
			const finishButton = page.getByTestId('finish');
			await expect(finishButton).toBeInViewport();
			await expect(page.getByTestId('countdown')).toBeInViewport();

			// A long text: signing is offered before it, larger text makes it larger.
			const item = page.locator(`[data-testid=citizen-initiative][data-slug="${NATIONAL[0]}"]`);
			await item.getByTestId('open-initiative').click();
			await expect(page.getByTestId('sign-top')).toBeInViewport();
			const before = await fontSize(page, 'initiative-body');
			await page.getByTestId('text-larger').click();
			expect(await fontSize(page, 'initiative-body')).toBeGreaterThan(before);
			await page.keyboard.press('End');
			await expect(finishButton).toBeInViewport();
			await expect(page.getByTestId('countdown')).toBeInViewport();

			// The confirmation opens on the sentence with the person's name.
			await page.getByTestId('sign-top').click();
			await expect(page.getByTestId('confirm-statement')).toContainText('Es, Vilma Ozola, parakstu šo iniciatīvu');
			await expect(page.getByTestId('confirm-statement')).toBeInViewport();
			await page.getByTestId('confirm-sign').click();
			await expect(page.getByTestId('confirm-dialog')).toBeHidden();

			// Said what was signed, with both next steps right there.
			await expect(page.getByTestId('signed-flash')).toContainText('Paldies! Jūs parakstījāt');
			await expect(page.getByTestId('flash-another')).toBeInViewport();
			await expect(page.getByTestId('flash-finish')).toBeInViewport();
			await expect(item).toHaveAttribute('data-signed', 'true');

			// "Sign another" leads to the list; at its very end the finish button is still in view.
			await page.getByTestId('flash-another').click();
			await expect(page.getByTestId('signed-flash')).toHaveCount(0);
			await page.keyboard.press('End');
			await expect(page.getByTestId('finish-hint')).toBeInViewport();
			await expect(finishButton).toBeInViewport();
			await finishButton.click();
			await expect(page).toHaveURL(/\/kac\/receipt$/);
			await expect(page.getByTestId('receipt-initiative')).toHaveCount(1);
		} finally {
			await context.close();
		}
	});
}

test('visible warnings at 5 and 1 minute; time running out during the confirmation is said on the receipt', async ({ browser, app }) => {
	const { context, page } = await newDevice(browser, app);
	try {
		await page.clock.install();
		await readyOffice(page, app);
		await openWindow(page, uniquePerson('Roberts', 'Kalns', 21, 9, 1944));
		const warning = page.getByTestId('time-warning');
		await expect(warning).toBeHidden();

		await page.clock.fastForward('10:01');
		await expect(warning).toBeVisible();
		await expect(warning).toContainText('Atlikušas 5 minūtes.');
		await page.clock.fastForward('04:00');
		await expect(warning).toContainText('Atlikusi 1 minūte.');

		const item = page.locator(`[data-testid=citizen-initiative][data-slug="${NATIONAL[1]}"]`);
		await item.getByTestId('open-initiative').click();
		await page.getByTestId('sign').click();
		await expect(page.getByTestId('confirm-dialog')).toBeVisible();
		await page.clock.fastForward('01:00');

		await expect(page).toHaveURL(/\/kac\/receipt$/);
		await expect(page.getByTestId('receipt-none')).toBeVisible();
		const notSigned = page.getByTestId('receipt-not-signed');
		await expect(notSigned).toContainText('netika parakstīta');
		await expect(notSigned).toContainText(citizenLv['receipt.notSigned'].split('„')[0]);
	} finally {
		await context.close();
	}
});
