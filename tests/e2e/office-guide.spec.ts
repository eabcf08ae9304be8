import { test, expect } from './fixtures';
import { guideLv } from '../../src/lib/i18n/messages/guide.lv';
import { newDevice, readyOffice } from './office-helpers';

test.describe.configure({ timeout: 180_000 });

test('the office screen shows the visit as numbered steps with the document aid and what to say; the desk card prints on one page', async ({
	browser,
	app,
	axe
}) => {
	const { context, page } = await newDevice(browser, app);
	try {
		await readyOffice(page, app);

		const guide = page.getByTestId('visit-guide');
		await expect(guide.getByRole('heading', { name: guideLv['guide.stepsTitle'] })).toBeVisible();
		const steps = page.getByTestId('visit-steps').getByRole('listitem');
		await expect(steps).toHaveText([
			guideLv['guide.step1'],
			guideLv['guide.step2'],
			guideLv['guide.step3'],
			guideLv['guide.step4'],
			guideLv['guide.step5']
		]);
		await expect(page.getByTestId('document-aid')).toContainText(guideLv['guide.documentNonCitizen']);
		await expect(page.getByTestId('say-handover')).toHaveText(guideLv['guide.sayHandover']);
		await expect(page.getByTestId('say-end')).toHaveText(guideLv['guide.sayEnd']);
		await axe(page);

		// English beside: the same steps in the other language.
		await page.getByTestId('language-switch').click();
		await expect(page.getByTestId('visit-steps').getByRole('listitem').first()).toContainText('Check the document');
		await page.getByTestId('language-switch').click();
		await expect(page.getByTestId('visit-steps').getByRole('listitem').first()).toHaveText(guideLv['guide.step1']);

		await page.getByTestId('desk-card-link').click();
		await expect(page).toHaveURL(/\/kac\/card$/);
		const card = page.getByTestId('desk-card');
		await expect(card.getByRole('heading', { level: 1 })).toHaveText(guideLv['guide.cardTitle']);
		await expect(card.getByTestId('visit-steps').getByRole('listitem')).toHaveCount(5);
		await expect(card).toContainText(guideLv['guide.cardPin']);
		await expect(card).toContainText(guideLv['guide.cardPassword']);
		await expect(page.getByTestId('card-phone')).toContainText(guideLv['guide.cardPhone']);
		await axe(page);

		// Printed: no site chrome, no buttons, one A4 page.
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByTestId('card-print')).toBeHidden();
		await expect(page.locator('.site-header')).toBeHidden();
		const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
		expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
		await page.emulateMedia({ media: 'screen' });

		await page.getByTestId('card-back').click();
		await expect(page).toHaveURL(/\/kac$/);
	} finally {
		await context.close();
	}
});
