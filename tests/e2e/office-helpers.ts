/**
 * Steps of the in-person flow shared by the office-*.spec.ts tests. Each test gets its own
 * browser context, so its own IndexedDB: a fresh, unenrolled device.
 */
import { execFileSync } from 'node:child_process';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_LOGINS } from '../../server/seed/demo-staff';
import { oldFormatCheckDigit } from '../../src/lib/domain/personal-code';
import type { AppServer } from './app-server';

export const OFFICE = 'kac-grobina';
export const CLERK = DEMO_LOGINS.find((l) => l.role === 'clerk' && l.office === OFFICE)!;
export const PIN = '4826';

/** Open national initiatives of the demo data: every adult Latvian citizen may sign them. */
export const NATIONAL = ['pvn-augliem-un-darzeniem', 'bezmaksas-transports-skoleniem', 'atvertie-dati-publiskajos-iepirkumos'];

export interface Person {
	givenName: string;
	surname: string;
	personalCode: string;
	birthDate: string;
	documentType: 'passport' | 'eid';
	documentNumber: string;
}

export const JANIS: Person = {
	givenName: 'Jānis',
	surname: 'Bērziņš',
	personalCode: '161175-19997',
	birthDate: '16.11.1975',
	documentType: 'passport',
	documentNumber: 'LV1234567'
};

/**
 * A valid old-format personal code nobody else in this run has, so that tests sharing a server
 * do not meet each other's signatures as duplicates.
 */
export function uniquePerson(givenName: string, surname: string, day = 12, month = 3, year = 1961): Person {
	const serial = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
	const yy = String(year % 100).padStart(2, '0');
	const century = year >= 2000 ? '2' : '1';
	const first10 = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${yy}${century}${serial}`;
	const code = `${first10.slice(0, 6)}-${first10.slice(6)}${oldFormatCheckDigit(first10)}`;
	return {
		givenName,
		surname,
		personalCode: code,
		birthDate: `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`,
		documentType: 'eid',
		documentNumber: `PA${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
	};
}

export function enrollmentCode(app: AppServer, office = OFFICE): string {
	const out = execFileSync('npx', ['tsx', 'server/cli/admin.ts', 'enrollment-code', '--office', office], {
		env: { ...process.env, DATABASE_URL: app.databaseUrl },
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe']
	});
	return out.trim().split('\n')[0].trim();
}

export async function newDevice(browser: Browser, app: AppServer): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ baseURL: app.url });
	const page = await context.newPage();
	return { context, page };
}

export async function enroll(page: Page, app: AppServer, office = OFFICE) {
	const code = enrollmentCode(app, office);
	await page.goto('/kac/enroll');
	await page.getByLabel('Reģistrācijas kods').fill(code);
	await page.getByRole('button', { name: 'Reģistrēt datoru' }).click();
	await expect(page.getByTestId('enrolled')).toBeVisible();
	await expect(page.getByTestId('enrolled-office')).toContainText('Grobiņ');
}

export async function login(page: Page, user = CLERK) {
	await page.goto('/kac');
	await expect(page.getByTestId('login')).toBeVisible();
	await page.getByLabel('Lietotājvārds').fill(user.username);
	await page.getByLabel('Parole').fill(user.password);
	await page.getByTestId('login-submit').click();
}

export async function setPin(page: Page, pin = PIN) {
	await expect(page.getByTestId('set-pin')).toBeVisible();
	await page.getByLabel('Jaunais PIN').fill(pin);
	await page.getByLabel('Atkārtojiet PIN').fill(pin);
	await page.getByTestId('set-pin-submit').click();
	await expect(page.getByTestId('id-form')).toBeVisible();
}

/** Enroll a fresh device, log in online and choose a PIN: the office is ready for visitors. */
export async function readyOffice(page: Page, app: AppServer) {
	await enroll(page, app);
	await login(page);
	await setPin(page);
	await expect(page.getByTestId('sync-last')).not.toHaveText('vēl nav bijusi');
}

export async function unlockWithPin(page: Page, pin = PIN) {
	await expect(page.getByTestId('pin-unlock')).toBeVisible();
	await page.getByLabel('PIN kods').fill(pin);
	await page.getByTestId('pin-submit').click();
	await expect(page.getByTestId('id-form')).toBeVisible();
}

export async function fillIdentity(page: Page, p: Person) {
	await page.getByLabel('Vārds', { exact: true }).fill(p.givenName);
	await page.getByLabel('Uzvārds', { exact: true }).fill(p.surname);
	await page.getByLabel('Personas kods').fill(p.personalCode);
	await page.getByLabel('Dzimšanas datums').fill(p.birthDate);
	await page.getByLabel('Dokumenta veids').selectOption(p.documentType);
	await page.getByLabel('Dokumenta numurs').fill(p.documentNumber);
	await page.getByLabel('Pilsonība').selectOption('LV');
}

/** Fills the ID form, attests and opens the window: the screen is handed over to the citizen. */
export async function openWindow(page: Page, p: Person) {
	await fillIdentity(page, p);
	await page.getByTestId('attest').check();
	await page.getByTestId('open-window').click();
	await expect(page).toHaveURL(/\/kac\/sign$/);
	await expect(page.getByTestId('countdown')).toBeVisible();
}

export async function sign(page: Page, slug: string, fullName: string) {
	const item = page.locator(`[data-testid=citizen-initiative][data-slug="${slug}"]`);
	await item.getByTestId('open-initiative').click();
	await expect(page.getByTestId('initiative-body')).toBeVisible();
	await page.getByTestId('sign').click();
	const dialog = page.getByTestId('confirm-dialog');
	await expect(dialog).toBeVisible();
	await expect(page.getByTestId('confirm-statement')).toContainText(`Es, ${fullName}, parakstu šo iniciatīvu`);
	await page.getByTestId('confirm-sign').click();
	await expect(dialog).toBeHidden();
	await expect(item).toHaveAttribute('data-signed', 'true');
}

export async function finish(page: Page) {
	await page.getByTestId('finish').click();
	await expect(page).toHaveURL(/\/kac\/receipt$/);
	await expect(page.getByTestId('receipt')).toBeVisible();
}

/**
 * Receipt "Done": back to the office screen, ready for the next citizen. The citizen has written
 * the code down first (a receipt left unprinted and unwritten is asked about: see
 * office-receipt.spec.ts).
 */
export async function done(page: Page) {
	await page.getByTestId('code-written').click();
	await page.getByTestId('receipt-done').click();
	await expect(page).toHaveURL(/\/kac$/);
}

/**
 * "Sync now" until a run succeeds: a click may join a background run that started before the
 * server came back (and failed), exactly as it would for a clerk.
 */
export async function syncAndSettle(page: Page) {
	const message = page.getByTestId('sync-message');
	for (let attempt = 0; ; attempt++) {
		await expect(page.getByTestId('sync-now')).toBeEnabled();
		await page.getByTestId('sync-now').click();
		await expect(message).not.toHaveText('');
		if ((await message.textContent()) === 'Sinhronizācija pabeigta.' || attempt === 4) break;
	}
	await expect(message).toHaveText('Sinhronizācija pabeigta.');
	await expect(page.getByTestId('sync-pending')).toHaveText('0');
}

/** The public in-person count of an initiative, read as a fresh visitor would see it. */
export async function inPersonCount(browser: Browser, app: AppServer, slug: string): Promise<number> {
	const context = await browser.newContext({ baseURL: app.url });
	try {
		const page = await context.newPage();
		await page.goto(`/initiatives/${slug}`);
		const text = (await page.getByTestId('in-person-count').textContent()) ?? '';
		return Number(text.replace(/\D/g, ''));
	} finally {
		await context.close();
	}
}
