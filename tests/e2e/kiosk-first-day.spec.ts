/**
 * Issue 11 §5 (the kiosk's initiative page): the "Pilns iniciatīvas teksts" disclosure shows a
 * visible marker that turns when it opens, so a library visitor sees there is more to read.
 */
import { test, expect } from './fixtures';

test('the full text disclosure on the kiosk has a visible marker that turns when opened', async ({ page }) => {
	await page.goto('/info');
	await page.getByTestId('tile-what').click();
	await page.getByTestId('initiative-card').first().getByRole('link').first().click();
	const summary = page.locator('details.full > summary');
	await expect(summary).toHaveText('Pilns iniciatīvas teksts');
	const marker = () => summary.evaluate((el) => getComputedStyle(el, '::before').content);
	expect(await marker()).toBe('"▸"');
	await summary.click();
	await expect(page.locator('details.full')).toHaveAttribute('open', '');
	expect(await marker()).toBe('"▾"');
});
