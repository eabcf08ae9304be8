/**
 * Scale-out (DESIGN §1): two server processes (`node build`) on one PostgreSQL schema, many
 * devices pushing the same people for the same initiative through both at once. Exactly one
 * signature per person is accepted, every other is `duplicate`, and nothing is lost: every
 * record sent is stored raw and answered once.
 *
 * Runs when TEST_DATABASE_URL is set (and then always: it never skips). It needs the built app:
 * `build/` is used when it is newer than the sources; otherwise the app is built into a
 * temporary copy of the repository, so a developer's own `build/` is never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app-context';
import { createInitiative, createOffice } from '../../server/services/catalog-create';
import { createStaff } from '../../server/services/staff';
import type { RecordResult } from '../../src/lib/domain/sync-protocol';
import type { OutboxRecord } from '../../src/lib/domain/outbox-record';
import { createTestDatabase, POSTGRES_URL, type TestDatabase } from './databases';
import { citizen, createTestApp, DAY, HOUR, MINUTE, PASSWORD, TestDevice } from './kit';
import { builtApp, ServerProcess } from './server-process';

const DEVICES = 16;
/** Valid old-format personal codes (see src/lib/domain/personal-code.ts). */
const PEOPLE = [
	['16117519997', '1975-11-16'],
	['28079412344', '1994-07-28'],
	['29075810403', '1958-07-29']
] as const;
const EXTRA_PEOPLE = 21;

/** Deterministic shuffle, so each device meets the people in its own order. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
	const out = [...items];
	let s = seed * 2654435761;
	for (let i = out.length - 1; i > 0; i--) {
		s = (s * 1103515245 + 12345) >>> 0;
		const j = s % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/** More valid codes: day-month-year-century-NNN plus the check digit. */
function morePeople(n: number): [string, string][] {
	const WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const out: [string, string][] = [];
	for (let i = 0; i < n; i++) {
		const day = String(1 + (i % 28)).padStart(2, '0');
		const first10 = `${day}0380` + `1${String(100 + i).padStart(3, '0')}`;
		const sum = WEIGHTS.reduce((acc, w, k) => acc + w * Number(first10[k]), 0);
		out.push([first10 + (((1101 - sum) % 11) % 10), `1980-03-${day}`]);
	}
	return out;
}

describe.skipIf(!POSTGRES_URL)('scale-out: two server instances on one PostgreSQL', () => {
	let database: TestDatabase & { drop(): Promise<void> };
	let app: App;
	let built: { dir: string; cleanup(): void };
	const instances: ServerProcess[] = [];

	beforeAll(async () => {
		built = builtApp();
		database = await createTestDatabase('postgres');
		// The servers keep real time: so does the data.
		app = await createTestApp(database, { now: Date.now() });
		instances.push(await ServerProcess.start(built.dir, database.url, { entry: 'build' }), await ServerProcess.start(built.dir, database.url, { entry: 'build' }));
	}, 240_000);

	afterAll(async () => {
		await Promise.all(instances.map((i) => i.stop()));
		await database?.drop();
		built?.cleanup();
	});

	it('accepts exactly one signature per person, answers every other as duplicate, and loses nothing', async () => {
		const now = app.now();
		const t0 = now - 60 * DAY;
		const db = app.database.db;
		await createOffice(
			db,
			{ slug: 'kac-riga', kind: 'kac', nameLv: 'KAC Rīga', nameEn: 'KAC Riga', municipality: 'riga', address: 'Iela 1', phone: '+371 60000000', email: null, hours: [[{ from: '08:00', to: '17:00' }], [], [], [], [], [], []] },
			t0
		);
		const initiative = await createInitiative(
			db,
			{ slug: 'national', titleLv: 'Iniciatīva', titleEn: 'Initiative', summaryLv: 'Apraksts.', summaryEn: 'Summary.', bodyLv: 'Teksts.', bodyEn: 'Text.', scope: 'national', municipality: null, status: 'open', opensAt: now - 30 * DAY, closesAt: now + 30 * DAY, goal: 10_000, onlineCount: 0 },
			t0
		);
		const clerk = await createStaff(db, { username: 'klerks', displayName: 'Klerks', role: 'clerk', office: 'kac-riga', password: PASSWORD }, t0);
		const people = [...PEOPLE.map(([c, b]) => [c, b] as [string, string]), ...morePeople(EXTRA_PEOPLE)];

		// Every device sees every person once, in its own order, and pushes in two batches, each
		// to a different instance: the same person reaches both instances many times at once.
		const devices = await Promise.all(Array.from({ length: DEVICES }, () => TestDevice.enroll(app, 'kac-riga')));
		const batches: { device: TestDevice; instance: number; records: OutboxRecord[] }[][] = [];
		for (const [d, device] of devices.entries()) {
			const records: OutboxRecord[] = [];
			let t = now - 4 * HOUR;
			for (const [personalCode, birthDate] of shuffled(people, d + 1)) {
				const win = await device.openWindow({ clerkId: clerk, openedAt: t, identity: citizen({ personalCode, birthDate, qcConsent: false, qcPhone: null }) });
				records.push(win.record, await device.sign(win.windowId, initiative, t + MINUTE), await device.close(win.windowId, t + 2 * MINUTE));
				t += 5 * MINUTE;
			}
			const half = Math.ceil(records.length / 2);
			batches.push([
				{ device, instance: d % 2, records: records.slice(0, half) },
				{ device, instance: (d + 1) % 2, records: records.slice(half) }
			]);
		}
		const sent = batches.flat().reduce((n, b) => n + b.records.length, 0);

		const results: RecordResult[] = [];
		const perInstance = [0, 0];
		await Promise.all(
			batches.map(async (deviceBatches) => {
				for (const b of deviceBatches) {
					const instance = instances[b.instance];
					const res = await fetch(`${instance.url}/api/trpc/sync.push`, {
						method: 'POST',
						headers: { 'content-type': 'application/json', origin: instance.url },
						body: JSON.stringify(await b.device.batch(b.records, { deviceTime: Date.now() }))
					});
					const body = await res.json();
					expect(res.status, `${JSON.stringify(body).slice(0, 300)}\n${instance.log.slice(-2000)}`).toBe(200);
					const data = body.result.data;
					expect(data.ok, JSON.stringify(data).slice(0, 500)).toBe(true);
					results.push(...data.results);
					perInstance[b.instance] += b.records.length;
				}
			})
		);

		// Both instances did their share; every record got exactly one answer.
		expect(perInstance[0]).toBeGreaterThan(0);
		expect(perInstance[1]).toBeGreaterThan(0);
		expect(results).toHaveLength(sent);
		const signatureIds = new Set(batches.flat().flatMap((b) => b.records.filter((r) => r.type === 'signature').map((r) => r.id)));
		const signatureResults = results.filter((r) => signatureIds.has(r.id));
		expect(signatureResults).toHaveLength(DEVICES * people.length);
		expect(signatureResults.filter((r) => r.state === 'accepted')).toHaveLength(people.length);
		expect(signatureResults.filter((r) => r.state === 'duplicate')).toHaveLength((DEVICES - 1) * people.length);
		expect(results.filter((r) => !signatureIds.has(r.id)).every((r) => r.state === 'accepted')).toBe(true);

		// The database agrees: nothing lost, one accepted signature per person.
		const count = async (table: 'raw_record' | 'record_result' | 'signing_window') =>
			Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
		expect(await count('raw_record')).toBe(sent);
		expect(await count('record_result')).toBe(sent);
		expect(await count('signing_window')).toBe(DEVICES * people.length);
		const states = await db.selectFrom('signature').select(['state', 'person_key']).execute();
		expect(states).toHaveLength(DEVICES * people.length);
		const accepted = states.filter((s) => s.state === 'accepted');
		expect(accepted).toHaveLength(people.length);
		expect(new Set(accepted.map((s) => s.person_key)).size).toBe(people.length);
		expect(states.filter((s) => s.state === 'duplicate')).toHaveLength((DEVICES - 1) * people.length);
		for (const [code] of people) {
			expect(accepted.filter((s) => s.person_key === app.secrets.personKey(code))).toHaveLength(1);
		}
		// Neither instance logged an internal error (a deadlock, a failed insert).
		for (const i of instances) expect(i.log).not.toMatch(/"level":(50|60)|failed|deadlock/i);
	}, 120_000);
});
