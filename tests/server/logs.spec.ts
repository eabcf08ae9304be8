/**
 * The production server's logs (issue 12 §8, server/log.ts): one JSON object a line, a request id
 * through the hooks, tRPC and the push, and no personal data in any line. A real signing goes
 * through a real server process (`node scripts/serve.mjs`, as `npm start` runs it): a window with
 * a citizen's identity, a signature and the close, pushed as an office PC pushes them, then the
 * receipt checked and a page asked with the personal code in its query; the whole log is then
 * searched for the person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInitiative } from '../../server/services/catalog-create';
import { citizen, createTestApp, createWorld, DAY, MINUTE, TestDevice, type TestApp, type World } from './kit';
import { createTestDatabase, DIALECTS, type TestDatabase } from './databases';
import { builtApp, ServerProcess } from './server-process';

const PERSON = citizen({
	givenName: 'Zigfrīds',
	surname: 'Ābelkoks',
	personalCode: '16117519997',
	documentNumber: 'LV1234567',
	qcPhone: '+37129876543',
	qcConsent: true
});
/** Every way the person could show up: as typed, and the ASCII spellings a log might fold them to. */
const PERSONAL = ['16117519997', '161175-19997', 'Zigfrīds', 'Zigfrids', 'Ābelkoks', 'Abelkoks', '29876543', 'LV1234567'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let built: { dir: string; cleanup(): void };
beforeAll(() => {
	built = builtApp();
}, 240_000);
afterAll(() => built?.cleanup());

describe.each(DIALECTS)('the logs of a signing (%s)', (dialect) => {
	let database: TestDatabase & { drop(): Promise<void> };
	let app: TestApp;
	let w: World;
	let server: ServerProcess;

	beforeAll(async () => {
		database = await createTestDatabase(dialect);
		// The server keeps real time: so does the data.
		app = await createTestApp(database, { now: Date.now() });
		w = await createWorld(app);
		server = await ServerProcess.start(built.dir, database.url, { env: { LOG_FORMAT: 'json', LOG_LEVEL: 'info' } });
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
		await database?.drop();
	});

	const records = () =>
		server.log
			.split('\n')
			.filter((l) => l.startsWith('{'))
			.map((l) => JSON.parse(l) as Record<string, unknown>);

	it('holds no personal code, name, phone or document number, and one request id follows the push through', async () => {
		const now = app.now();
		const initiative = await createInitiative(
			app.database.db,
			{ slug: 'logs-open', titleLv: 'Iniciatīva', titleEn: 'Initiative', summaryLv: 'Apraksts.', summaryEn: 'Summary.', bodyLv: 'Teksts.', bodyEn: 'Text.', scope: 'national', municipality: null, status: 'open', opensAt: now - 30 * DAY, closesAt: now + 30 * DAY, goal: 10_000, onlineCount: 0 },
			now - 40 * DAY
		);
		const device = await TestDevice.enroll(app, 'kac-riga');
		const opened = await device.openWindow({ clerkId: w.clerkRiga, openedAt: now - 10 * MINUTE, identity: PERSON });
		const batch = await device.batch(
			[opened.record, await device.sign(opened.windowId, initiative, now - 9 * MINUTE), await device.close(opened.windowId, now - 8 * MINUTE)],
			{ deviceTime: Date.now() }
		);
		const push = await fetch(`${server.url}/api/trpc/sync.push`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify(batch)
		});
		const body = await push.json();
		expect(push.status, JSON.stringify(body).slice(0, 300)).toBe(200);
		expect(body.result.data.results.map((r: { state: string }) => r.state)).toEqual(['accepted', 'accepted', 'accepted']);
		const requestId = push.headers.get('x-request-id');
		expect(requestId).toMatch(UUID);

		// The citizen checks the receipt; someone asks a page with the personal code in its query.
		const receipt = await fetch(`${server.url}/api/trpc/receipt.check`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ code: opened.receiptCode })
		});
		expect(receipt.status).toBe(200);
		expect((await fetch(`${server.url}/?q=${PERSON.personalCode}&name=${encodeURIComponent(PERSON.givenName)}`)).status).toBe(200);

		// A proxy's request id is kept, so its log and ours meet.
		const proxied = await fetch(`${server.url}/receipt`, { headers: { 'x-request-id': 'proxy-0001-abcd' } });
		expect(proxied.headers.get('x-request-id')).toBe('proxy-0001-abcd');

		await expect.poll(() => records().some((r) => r.msg === 'push'), { timeout: 10_000 }).toBe(true);
		// Background work of the push (the quality-control sample takes the consenting person's phone) has run.
		await new Promise((r) => setTimeout(r, 500));
		await server.stop();

		const pushLine = records().find((r) => r.msg === 'push')!;
		expect(pushLine).toMatchObject({ req: requestId, device: device.id, records: 3, outcomes: { accepted: 3 } });
		expect(records().find((r) => r.msg === 'request' && r.req === requestId)).toMatchObject({ method: 'POST', path: '/api/trpc/sync.push', status: 200 });
		expect(records().some((r) => r.msg === 'request' && r.req === 'proxy-0001-abcd')).toBe(true);
		expect(records().filter((r) => r.msg === 'request').every((r) => typeof r.req === 'string')).toBe(true);

		for (const item of [...PERSONAL, opened.receiptCode]) expect(server.log, item).not.toContain(item);
		expect(server.log).not.toMatch(/"level":(50|60)/);
	}, 60_000);
});
