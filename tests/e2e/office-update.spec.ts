/**
 * A release reaching an office PC that holds unsent visits (issue 18), with two real builds on
 * one origin, port and database: build N (./build, this tree) and build N+1 (the same tree with
 * the sync protocol one step up, a Dexie schema step and another version string:
 * release/next-build-plugin.ts, built once per tree by release/next-build.ts).
 */
import Database from 'better-sqlite3';
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { AppServer } from './app-server';
import { nextBuildDir } from './release/next-build';
import { deviceCaches, OFFICE_CACHE, officeFilesMissing, officeFilesOfWorker } from './sw-caches';
import { done, finish, NATIONAL, newDevice, openWindow, readyOffice, sign, syncAndSettle, uniquePerson, unlockWithPin } from './office-helpers';

test.describe.configure({ timeout: 300_000 });

const [A, B, C] = NATIONAL;
const N = '0.1.0';
const N_PLUS_1 = '0.1.0+next';

let nextBuild = '';
test.beforeAll(() => {
	test.setTimeout(600_000);
	nextBuild = nextBuildDir();
});

/** What the PC holds, read straight from IndexedDB, past the app (and past Dexie). */
function deviceStore(page: Page) {
	return page.evaluate(
		() =>
			new Promise<{ version: number; deviceId: string; publicKey: string; outbox: { seq: number; record: string; schemaStep?: number }[] }>(
				(resolve, reject) => {
					const open = indexedDB.open('klatiene');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const db = open.result;
						const tx = db.transaction(['device', 'outbox'], 'readonly');
						const device = tx.objectStore('device').get('self');
						const outbox = tx.objectStore('outbox').getAll();
						tx.oncomplete = () => {
							db.close();
							resolve({
								version: db.version / 10,
								deviceId: device.result.id,
								publicKey: JSON.stringify(device.result.publicKey),
								outbox: outbox.result.map((r) => ({ seq: r.seq, record: JSON.stringify(r.record), schemaStep: r.schemaStep }))
							});
						};
					};
				}
			)
	);
}

/** What the server took from this PC, counted in its database. */
function serverCounts(app: AppServer, deviceId: string) {
	const db = new Database(app.databaseUrl.replace(/^file:/, ''), { readonly: true });
	try {
		const count = (sql: string) => (db.prepare(sql).get(deviceId) as { n: number }).n;
		return {
			records: count('SELECT count(*) AS n FROM raw_record WHERE device_id = ?'),
			accepted: count(`SELECT count(*) AS n FROM record_result WHERE device_id = ? AND reason = 'accepted'`),
			otherResults: count(`SELECT count(*) AS n FROM record_result WHERE device_id = ? AND reason <> 'accepted'`),
			windows: count('SELECT count(*) AS n FROM signing_window WHERE device_id = ?'),
			signatures: count('SELECT count(*) AS n FROM signature WHERE device_id = ?')
		};
	} finally {
		db.close();
	}
}

/** A citizen at home checks the receipt code: the slugs counted for it. */
async function countedFor(browser: Browser, app: AppServer, code: string): Promise<string[]> {
	const context = await browser.newContext({ baseURL: app.url });
	try {
		const page = await context.newPage();
		await page.goto('/receipt');
		await page.getByLabel('Kvīts kods').fill(code);
		await page.getByTestId('receipt-check-submit').click();
		await expect(page.getByTestId('receipt-check-result')).toBeVisible();
		const counted = page.locator('[data-testid=receipt-check-signature][data-state=counted]');
		return (await counted.evaluateAll((els) => els.map((e) => e.getAttribute('data-slug') ?? ''))).sort();
	} finally {
		await context.close();
	}
}

/** One visit from ID form to "Done"; returns the receipt code the citizen took home. */
async function visit(page: Page, name: [string, string], slugs: string[], whileOnScreen?: () => Promise<void>) {
	await openWindow(page, uniquePerson(...name));
	for (const slug of slugs) await sign(page, slug, name.join(' '));
	await whileOnScreen?.();
	await finish(page);
	await whileOnScreen?.();
	const code = (await page.getByTestId('receipt-code').getAttribute('data-code'))!;
	await done(page);
	return code;
}

test('an office PC with unsent visits moves from build N to N+1 and back: nothing lost, nothing sent twice, never during a visit', async ({
	browser,
	axe
}) => {
	const app = await AppServer.launch();
	expect(await (await fetch(`${app.url}/api/health`)).json()).toMatchObject({ version: N, syncProtocol: 2 });
	const { context, page } = await newDevice(browser, app);
	try {
		await readyOffice(page, app);
		await expect(page.getByTestId('app-version')).toHaveText(N);
		await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
		// The enrolled PC keeps build N's office files (issue 16 §3: they are not precached).
		await expect.poll(() => officeFilesMissing(page)).toEqual([]);
		const officeOfN = await officeFilesOfWorker(page);

		// Build N, server out of reach: two visits wait in the outbox.
		await app.stop();
		const receipts = [await visit(page, ['Aija', 'Kļaviņa'], [A, B]), await visit(page, ['Oskars', 'Zariņš'], [C])];
		await expect(page.getByTestId('sync-pending')).toHaveText('7');

		// The server comes back as build N+1: it refuses protocol N's push, the PC keeps the
		// records, fetches the new app and offers it.
		await app.start({ KLATIENE_BUILD_DIR: nextBuild });
		expect(await (await fetch(`${app.url}/api/health`)).json()).toMatchObject({ version: N_PLUS_1, syncProtocol: 3 });
		await page.getByTestId('sync-now').click();
		await expect(page.getByTestId('sync-update-needed')).toHaveText(
			'Serverim jau ir jaunāka lietotnes versija, tāpēc šīs versijas ierakstus tas vēl nepieņem. Parakstīšanu var turpināt: visi ieraksti paliek šajā datorā, netiks zaudēti un tiks nosūtīti pēc lietotnes atjaunināšanas.'
		);
		await expect(page.getByTestId('sync-update-ready')).toContainText('Jaunā lietotnes versija ir gatava. Atjauniniet to, kad pie ekrāna nav iedzīvotāja');
		await expect(page.getByTestId('update-now')).toBeVisible();
		await page.getByTestId('language-switch').click();
		await expect(page.getByTestId('sync-update-ready')).toContainText('The new version of the app is ready. Update it when no citizen is at the screen');
		await page.getByTestId('language-switch').click();
		// Offered beside the clerk's form, never over it (a floating prompt covered "Open window").
		await expect(page.getByTestId('update-prompt')).toHaveCount(0);
		await axe(page);

		// The clerk postpones it: a citizen comes meanwhile. No update is offered while the window
		// or its receipt is on the screen, and none is applied (the app is still build N after).
		const onScreen = async () => {
			await expect(page.getByTestId('update-prompt')).toHaveCount(0);
			await expect(page.getByTestId('update-now')).toHaveCount(0);
			await expect(page.getByTestId('update-apply')).toHaveCount(0);
		};
		receipts.push(await visit(page, ['Ilze', 'Krūmiņa'], [A], onScreen));
		await expect(page.getByTestId('app-version')).toHaveText(N);
		await expect(page.getByTestId('update-now')).toBeVisible();
		await expect(page.getByTestId('sync-pending')).toHaveText('10');
		expect(serverCounts(app, (await deviceStore(page)).deviceId)).toMatchObject({ records: 0, windows: 0, signatures: 0 });

		const before = await deviceStore(page);
		expect(before.version).toBe(2);
		expect(before.outbox).toHaveLength(10);

		// The clerk applies it: the page reloads as build N+1 and Dexie steps the schema.
		await page.getByTestId('update-now').click();
		await expect(page.getByTestId('app-version')).toHaveText(N_PLUS_1);
		// The new worker brought build N+1's office files before it took over, and let N's go.
		const officeOfNext = await officeFilesOfWorker(page);
		expect(officeOfNext.filter((f) => !officeOfN.includes(f)).length).toBeGreaterThan(0);
		expect(await officeFilesMissing(page)).toEqual([]);
		const officeCache = (await deviceCaches(page)).find((c) => c.name === OFFICE_CACHE)!;
		expect(officeCache.paths.filter((p) => !officeOfNext.includes(p))).toEqual([]);
		const after = await deviceStore(page);
		expect(after.version).toBe(3);
		expect({ id: after.deviceId, key: after.publicKey }).toEqual({ id: before.deviceId, key: before.publicKey });
		expect(after.outbox.map(({ seq, record }) => ({ seq, record }))).toEqual(before.outbox.map(({ seq, record }) => ({ seq, record })));
		expect(after.outbox.every((r) => r.schemaStep === 3)).toBe(true);

		// The kept records go, signed with the same key on the same hash chain, and all count.
		await unlockWithPin(page);
		await syncAndSettle(page);
		await expect(page.getByTestId('sync-update-needed')).toHaveCount(0);
		await expect(page.locator('[data-testid=sync-result][data-reason=accepted]')).toHaveCount(10);
		await syncAndSettle(page);
		expect(serverCounts(app, before.deviceId)).toEqual({ records: 10, accepted: 10, otherResults: 0, windows: 3, signatures: 4 });
		expect(await countedFor(browser, app, receipts[0])).toEqual([A, B].sort());
		expect(await countedFor(browser, app, receipts[1])).toEqual([C]);
		expect(await countedFor(browser, app, receipts[2])).toEqual([A]);

		// Rollback: build N+1 withdrawn with a visit unsent; build N is served again.
		await app.stop();
		receipts.push(await visit(page, ['Pēteris', 'Liepa'], [B]));
		const held = await deviceStore(page);
		await app.start();
		// The open app learns the server went back: it keeps the visit and offers no "update".
		await page.getByTestId('sync-now').click();
		await expect(page.getByTestId('sync-server-behind')).toContainText('Serverī pašlaik ir vecāka lietotnes versija nekā šajā datorā');
		await expect(page.getByTestId('update-now')).toHaveCount(0);
		await expect(page.getByTestId('sync-pending')).toHaveText('3');
		// A reload loads build N from the server all the same (say, a clerk pressed F5).
		await page.reload();
		await expect(page.getByTestId('newer-data')).toContainText(
			'Šis dators jau ir strādājis ar jaunāku lietotnes versiju, bet tagad ir atvērta vecāka versija. Lai neko nesabojātu, tā šī datora ierakstus neaiztiek. Nekas nav zaudēts. Pagaidiet dažas minūtes un pārlādējiet lapu.'
		);
		await axe(page);
		expect(await deviceStore(page)).toEqual(held);

		// N+1 back: the clerk reloads as told, and the visit held through the rollback counts.
		await app.stop();
		await app.start({ KLATIENE_BUILD_DIR: nextBuild });
		await page.getByTestId('newer-data-reload').click();
		await unlockWithPin(page);
		await expect(page.getByTestId('app-version')).toHaveText(N_PLUS_1);
		await syncAndSettle(page);
		expect(serverCounts(app, before.deviceId)).toEqual({ records: 13, accepted: 13, otherResults: 0, windows: 4, signatures: 5 });
		expect(await countedFor(browser, app, receipts[3])).toEqual([B]);
	} finally {
		await context.close();
		await app.dispose();
	}
});
