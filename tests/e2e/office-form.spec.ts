import { test, expect } from './fixtures';
import { officeLv } from '../../src/lib/i18n/messages/office.lv';
import { enroll, login, newDevice, PIN, readyOffice } from './office-helpers';

const m = officeLv;

// Whole flows with a real server, argon2 logins and PBKDF2 PINs: generous, not timed.
test.describe.configure({ timeout: 180_000 });

test.describe('the ID form', () => {
	test('bad input: every field error is shown with its message and listed in the summary, and nothing typed is lost', async ({
		browser,
		app
	}) => {
		const { context, page } = await newDevice(browser, app);
		try {
			await readyOffice(page, app);
			const field = (id: string) => page.locator(`#id-${id}`);
			const error = (id: string) => page.getByTestId(`error-${id}`);

			// Live: a field's problem shows once the clerk leaves it, and goes when it is fixed.
			await field('personalCode').fill('161375-19997');
			await field('personalCode').blur();
			await expect(error('personalCode')).toHaveText(m['idform.problem.code_date']);
			await expect(field('personalCode')).toHaveAttribute('aria-invalid', 'true');
			await expect(field('personalCode')).toHaveAttribute('aria-describedby', /id-personalCode-error/);
			await expect(error('givenName')).toHaveCount(0);

			// Round 1: one wrong value in each field, submitted.
			const typed = {
				givenName: 'J4nis',
				surname: '',
				personalCode: '111112-11111',
				birthDate: '31.02.1990',
				documentNumber: '12',
				qcPhone: '12345'
			};
			for (const [id, value] of Object.entries(typed)) await field(id).fill(value);
			await field('documentType').selectOption('passport');
			await field('citizenship').selectOption('LV-NC');
			await page.getByTestId('open-window').click();

			const summary = page.getByTestId('error-summary');
			await expect(summary).toBeFocused();
			const expected: Record<string, string> = {
				givenName: m['idform.problem.name_characters'],
				surname: m['idform.required.surname'],
				personalCode: m['idform.problem.code_checksum'],
				birthDate: m['idform.problem.date_format'],
				documentNumber: m['idform.problem.document_number_format'],
				citizenship: m['idform.problem.not_citizen'],
				qcPhone: m['idform.problem.phone_format'],
				attest: m['idform.attestRequired']
			};
			for (const [id, text] of Object.entries(expected)) {
				await expect(error(id), id).toHaveText(text);
				await expect(summary).toContainText(text);
			}
			await expect(summary).toContainText(`Personas kods: ${m['idform.problem.code_checksum']}`);
			await expect(page).toHaveURL(/\/kac$/);
			// Nothing typed is lost.
			for (const [id, value] of Object.entries(typed)) await expect(field(id)).toHaveValue(value);
			await expect(field('documentType')).toHaveValue('passport');
			await expect(field('citizenship')).toHaveValue('LV-NC');

			// A summary link takes the clerk to the field.
			await summary.getByRole('link', { name: /^Vārds:/ }).click();
			await expect(field('givenName')).toBeFocused();

			// Round 2: the rules that compare fields.
			await field('givenName').fill('Jānis');
			await field('surname').fill('Bērziņš');
			await field('personalCode').fill('161175-19997');
			await field('birthDate').fill('17.11.1975');
			await field('documentNumber').fill('lv 1234567');
			await field('citizenship').selectOption('LV');
			await field('qcPhone').fill('+371 20000000');
			await expect(error('birthDate')).toHaveText(m['idform.problem.date_mismatch']);
			await expect(error('qcPhone')).toHaveCount(0);
			await expect(error('qcConsent')).toHaveText(m['idform.problem.consent_required']);
			await expect(error('documentNumber')).toHaveCount(0);
			await expect(page.getByTestId('code-birth-date')).toHaveText('Pēc personas koda: 16.11.1975.');

			// A date in the future, a person under 16, a new-format code without a date.
			await field('birthDate').fill('01.01.2999');
			await expect(error('birthDate')).toHaveText(m['idform.problem.date_future']);
			await field('personalCode').fill('010115-21237');
			await field('birthDate').fill('');
			await expect(error('personalCode')).toHaveCount(0);
			await expect(error('birthDate')).toHaveText(m['idform.problem.too_young']);
			await field('personalCode').fill('321234-56789');
			await expect(error('birthDate')).toHaveText(m['idform.required.birthDate']);
			await field('personalCode').fill('1611751999');
			await expect(error('personalCode')).toHaveText(m['idform.problem.code_length']);
			await field('personalCode').fill('16117a-19997');
			await expect(error('personalCode')).toHaveText(m['idform.problem.code_characters']);
			await field('personalCode').fill('161175-39997');
			await expect(error('personalCode')).toHaveText(m['idform.problem.code_century']);

			// Fixed: the form opens a window.
			await field('personalCode').fill('161175-19997');
			await field('birthDate').fill('16.11.1975');
			await page.locator('#id-qcConsent').check();
			await page.getByTestId('attest').check();
			await expect(page.locator('[data-testid^=error-]')).toHaveCount(0);
			await expect(page.getByTestId('error-summary')).toHaveCount(0);
		} finally {
			await context.close();
		}
	});

	test('choosing a PIN: every problem is named plainly, and the PIN is asked for twice', async ({ browser, app }) => {
		const { context, page } = await newDevice(browser, app);
		try {
			await enroll(page, app);
			await login(page);
			const pin = page.getByLabel('Jaunais PIN');
			const repeat = page.getByLabel('Atkārtojiet PIN');
			const submit = page.getByTestId('set-pin-submit');
			const error = page.getByTestId('new-pin-error');
			const cases: [string, string, string][] = [
				['', '', m['pin.problem.required']],
				['12a4', '', m['pin.problem.digits_only']],
				['12', '', 'PIN garumam jābūt no 4 līdz 8 cipariem.'],
				['7777', '', m['pin.problem.too_simple']],
				['4321', '', m['pin.problem.too_simple']],
				[PIN, '4862', m['pin.problem.mismatch']]
			];
			for (const [a, b, text] of cases) {
				await pin.fill(a);
				await repeat.fill(b);
				await submit.click();
				await expect(error).toHaveText(text);
				await expect(pin).toHaveValue(a);
			}
			await expect(repeat).toHaveAttribute('aria-invalid', 'true');
			await repeat.fill(PIN);
			await submit.click();
			await expect(page.getByTestId('id-form')).toBeVisible();
		} finally {
			await context.close();
		}
	});
});
