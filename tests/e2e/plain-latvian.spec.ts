/**
 * Issue 11 §7: plain, correct Latvian where people read it, errors in their own red under
 * "Ir radusies problēma", and navigation targets of at least 24×24 px in the back office.
 */
import { test, expect } from './fixtures';
import { adminLogin } from './admin-helpers';
import { generateReceiptCode, parseReceiptCode } from '../../src/lib/domain/receipt-code';
import { newDevice, openWindow, readyOffice, uniquePerson } from './office-helpers';

test.describe.configure({ timeout: 180_000 });

const BRAND_MAROON = 'rgb(122, 31, 43)';
const ERROR_RED = 'rgb(176, 23, 31)';

test('a mistyped receipt code is "ierakstīta kļūdaini"', async ({ page }) => {
	// One character changed in a real code: its check character no longer fits.
	const code = generateReceiptCode();
	const flat = code.replace(/-/g, '');
	let typo = '';
	for (const c of '0123456789ABCDEFGHJKMNPQRSTVWXYZ') {
		const candidate = c + flat.slice(1);
		if (c !== flat[0] && !parseReceiptCode(candidate).ok) {
			typo = candidate;
			break;
		}
	}
	await page.goto('/receipt');
	await page.getByLabel('Kvīts kods').fill(typo);
	await page.getByTestId('receipt-check-submit').click();
	const error = page.getByTestId('receipt-check-error');
	await expect(error).toHaveText('Kods nav pareizs: kāda rakstzīme ir ierakstīta kļūdaini. Salīdziniet ar kvīti.');
	await expect(error).toHaveCSS('color', ERROR_RED);
});

test('the clerk\'s form: "Ir radusies problēma" in its own red, an honest intro; citizen mode says „Pabeigt”', async ({ browser, app }) => {
	const { context, page } = await newDevice(browser, app);
	try {
		await readyOffice(page, app);
		await expect(page.getByTestId('id-form')).toContainText('glabājas tikai šifrēti, līdz tiek nosūtīti serverim');
		await expect(page.getByTestId('id-form')).not.toContainText('netiek saglabāti');
		await page.getByTestId('open-window').click();
		const summary = page.getByTestId('error-summary');
		await expect(summary.getByRole('heading')).toHaveText('Ir radusies problēma');
		await expect(summary.getByRole('heading')).toHaveCSS('color', ERROR_RED);
		await expect(summary).toHaveCSS('border-top-color', ERROR_RED);
		expect(ERROR_RED).not.toBe(BRAND_MAROON);

		await openWindow(page, uniquePerson('Zenta', 'Bērziņa', 1, 7, 1940));
		const hint = page.getByTestId('finish-hint');
		await expect(hint).toContainText('Kad viss izdarīts, spiediet „Pabeigt”');
		await expect(page.getByTestId('citizen')).not.toContainText('«');
		await expect(page.getByTestId('citizen')).not.toContainText('gatavi');
	} finally {
		await context.close();
	}
});

test('the back office says "Lietotājs: …", and its navigation links are at least 24×24 px', async ({ page }) => {
	await adminLogin(page);
	await expect(page.getByText(/^Lietotājs: /)).toBeVisible();
	const links = page.getByRole('navigation', { name: 'Administrēšanas sadaļas' }).getByRole('link');
	const count = await links.count();
	expect(count).toBeGreaterThan(3);
	for (let n = 0; n < count; n++) {
		const box = (await links.nth(n).boundingBox())!;
		expect(box.width, await links.nth(n).textContent() ?? '').toBeGreaterThanOrEqual(24);
		expect(box.height, await links.nth(n).textContent() ?? '').toBeGreaterThanOrEqual(24);
	}
});
