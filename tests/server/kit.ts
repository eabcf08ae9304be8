/**
 * Test kit for the signing server: an App on a test database with a settable clock, a small
 * world (offices, initiatives, clerks), and enrolled devices with real keys that craft real
 * hash-chained, signed outbox records, with identities sealed to the server's real key.
 */
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { App } from '../../server/app-context';
import { readConfig, type Config } from '../../server/config';
import type { Database } from '../../server/db/schema';
import { loadSecrets } from '../../server/keys/resolve';
import { createInitiative, createOffice } from '../../server/services/catalog-create';
import { createEnrollmentCode, enrollDevice } from '../../server/services/enrollment';
import { createStaff } from '../../server/services/staff';
import { pushRecords, type PushEnvelope } from '../../server/services/sync';
import { handleTrpc } from '../../server/trpc/handler';
import { exportDevicePublicKey, generateDeviceKeyPair, signPull, signPush } from '../../src/lib/domain/device-signature';
import type { Identity } from '../../src/lib/domain/identity';
import type { WeeklyHours } from '../../src/lib/domain/opening-hours';
import {
	GENESIS_HASH,
	sealRecord,
	type DayClosePayload,
	type OutboxRecord,
	type UnsignedRecord,
	type WindowCloseReason
} from '../../src/lib/domain/outbox-record';
import { generateReceiptCode, parseReceiptCode, receiptCodeHash } from '../../src/lib/domain/receipt-code';
import { seal, type SealedBox } from '../../src/lib/domain/sealed-box';
import { pullForDevice } from '../../server/services/device-pull';
import { SYNC_PROTOCOL_VERSION, type DevicePull, type DevicePullInput, type PushResult } from '../../src/lib/domain/sync-protocol';
import type { TestDatabase } from './databases';
import { testKeyEnv } from './test-keys';

export const NOW = Date.UTC(2026, 10, 28, 10, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface TestApp extends App {
	setNow(ms: number): void;
}

export async function createTestApp(
	database: TestDatabase,
	/** `testKeys: false`: no keys in the environment (a test that gives KEY_FILE in `env`). */
	options: { now?: number; env?: Record<string, string>; testKeys?: boolean } = {}
): Promise<TestApp> {
	let now = options.now ?? NOW;
	const keys = options.testKeys === false ? {} : await testKeyEnv();
	const config: Config = { ...readConfig({ DEMO_DATA: 'off', ...keys, ...options.env }), databaseUrl: database.url };
	const secrets = await loadSecrets(database, config, { demo: false, now });
	return {
		config,
		database,
		secrets,
		now: () => now,
		setNow(ms: number) {
			now = ms;
		}
	};
}

const hours: WeeklyHours = [[{ from: '08:00', to: '17:00' }], [], [], [], [], [], []];

export interface World {
	kacRiga: string;
	kacGrobina: string;
	library: string;
	national: string;
	rigaOnly: string;
	draft: string;
	/** Closed 5 days before NOW: inside the 14-day grace period. */
	closedRecently: string;
	/** Closed 20 days before NOW: past the grace period. */
	closedLongAgo: string;
	clerkRiga: string;
	clerkGrobina: string;
	admin: string;
	auditor: string;
}

export const PASSWORD = 'correct horse battery';

export async function createWorld(app: App): Promise<World> {
	const db = app.database.db;
	const t0 = NOW - 60 * DAY;
	const office = (slug: string, kind: 'kac' | 'library', municipality: string) =>
		createOffice(
			db,
			{ slug, kind, nameLv: `Birojs ${slug}`, nameEn: `Office ${slug}`, municipality, address: 'Iela 1', phone: '+371 60000000', email: null, hours },
			t0
		);
	const initiative = (slug: string, extra: Record<string, unknown> = {}) =>
		createInitiative(
			db,
			{
				slug,
				titleLv: `Iniciatīva ${slug}`,
				titleEn: `Initiative ${slug}`,
				summaryLv: 'Apraksts.',
				summaryEn: 'Summary.',
				bodyLv: 'Teksts.',
				bodyEn: 'Text.',
				scope: 'national',
				municipality: null,
				status: 'open',
				opensAt: NOW - 50 * DAY,
				closesAt: NOW + 30 * DAY,
				goal: 10_000,
				onlineCount: 100,
				...extra
			},
			t0
		);
	const kacRiga = await office('kac-riga', 'kac', 'riga');
	const kacGrobina = await office('kac-grobina', 'kac', 'dienvidkurzemes-novads');
	const library = await office('lib-riga', 'library', 'riga');
	const staff = (username: string, displayName: string, role: 'clerk' | 'auditor' | 'admin', office?: string) =>
		createStaff(db, { username, displayName, role, office, password: PASSWORD }, t0);
	const [national, rigaOnly, draft, closedRecently, closedLongAgo] = [
		await initiative('national-one'),
		await initiative('riga-only', { scope: 'municipal', municipality: 'riga', goal: 500 }),
		await initiative('draft-one', { status: 'draft' }),
		await initiative('closed-recently', { status: 'closed', closesAt: NOW - 5 * DAY }),
		await initiative('closed-long-ago', { status: 'closed', closesAt: NOW - 20 * DAY })
	];
	// argon2 hashing runs off the main thread: hash the four passwords at once.
	const [clerkRiga, clerkGrobina, admin, auditor] = await Promise.all([
		staff('klerks.riga', 'Klerks Rīga', 'clerk', 'kac-riga'),
		staff('klerks.grobina', 'Klerks Grobiņa', 'clerk', 'kac-grobina'),
		staff('admins', 'Admins', 'admin'),
		staff('revidents', 'Revidents', 'auditor')
	]);
	const world: World = { kacRiga, kacGrobina, library, national, rigaOnly, draft, closedRecently, closedLongAgo, clerkRiga, clerkGrobina, admin, auditor };
	return world;
}

/** A valid adult Latvian citizen living in Rīga who consented to a QC call. */
export function citizen(extra: Partial<Identity> = {}): Identity {
	return {
		givenName: 'Zigfrīds',
		surname: 'Ābelkoks',
		personalCode: '16117519997',
		birthDate: '1975-11-16',
		documentType: 'passport',
		documentNumber: 'LV1234567',
		citizenship: 'LV',
		declaredMunicipality: 'riga',
		propertyMunicipalities: [],
		qcPhone: '+37129876543',
		qcConsent: true,
		...extra
	};
}

export interface OpenedWindow {
	record: OutboxRecord;
	windowId: string;
	receiptCode: string;
}

let enrolled = 0;

/** An enrolled device with a real ECDSA key that writes a real hash chain. */
export class TestDevice {
	seq = 0;
	lastHash = GENESIS_HASH;

	private constructor(
		readonly app: App,
		readonly id: string,
		readonly officeId: string,
		readonly keys: CryptoKeyPair
	) {}

	static async enroll(app: App, officeSlug: string, kind?: 'kac' | 'library'): Promise<TestDevice> {
		const { code } = await createEnrollmentCode(app.database.db, officeSlug, kind, DAY, app.now());
		const keys = await generateDeviceKeyPair(true);
		// Each test device is a PC of its own, with its own address: enrolment is rate limited per address.
		const address = `10.${(enrolled >> 8) & 255}.${enrolled & 255}.1`;
		enrolled++;
		const result = await enrollDevice(app, { code, publicKey: await exportDevicePublicKey(keys.publicKey) }, address);
		if (!result.ok) throw new Error(`enrollment failed: ${result.reason}`);
		return new TestDevice(app, result.device.id, result.device.officeId, keys);
	}

	/** Appends a record to this device's chain. */
	async record(type: OutboxRecord['type'], payload: unknown, at: number): Promise<OutboxRecord> {
		const unsigned = { id: uuidv7(), deviceId: this.id, seq: this.seq + 1, at, prevHash: this.lastHash, type, payload } as UnsignedRecord;
		const record = await sealRecord(unsigned);
		this.seq = record.seq;
		this.lastHash = record.hash;
		return record;
	}

	async openWindow(o: {
		clerkId: string;
		openedAt: number;
		officeId?: string;
		lengthMs?: number;
		identity?: Identity | unknown;
		box?: SealedBox;
		receiptCode?: string;
		/** A chosen window id (tests that need a known sampling score); a fresh UUIDv7 otherwise. */
		windowId?: string;
	}): Promise<OpenedWindow> {
		const windowId = o.windowId ?? uuidv7();
		const receiptCode = o.receiptCode ?? generateReceiptCode();
		const parsed = parseReceiptCode(receiptCode);
		if (!parsed.ok) throw new Error('bad receipt code');
		const identity = o.box ?? (await seal(o.identity ?? citizen(), this.app.secrets.sealingKey));
		const record = await this.record(
			'window.open',
			{
				windowId,
				clerkId: o.clerkId,
				officeId: o.officeId ?? this.officeId,
				openedAt: o.openedAt,
				lengthMs: o.lengthMs ?? 15 * MINUTE,
				attested: true,
				identity,
				receiptHash: await receiptCodeHash(parsed.code)
			},
			o.openedAt
		);
		return { record, windowId, receiptCode };
	}

	sign(windowId: string, initiativeId: string, signedAt: number) {
		return this.record('signature', { windowId, initiativeId, signedAt }, signedAt);
	}

	close(windowId: string, closedAt: number, reason: WindowCloseReason = 'finished') {
		return this.record('window.close', { windowId, closedAt, reason }, closedAt);
	}

	dayClose(payload: DayClosePayload, at: number) {
		return this.record('day.close', payload, at);
	}

	/**
	 * A push as the client sends it: signed over the whole envelope (`pushSigningText`: protocol,
	 * device id, device time and every record's `hash`, in the order given). Give it records the
	 * device changed itself to play a faulty device; change the envelope after this call to play
	 * someone who has no key.
	 */
	async batch(
		records: readonly (OutboxRecord | Record<string, unknown>)[],
		o: { deviceTime?: number; key?: CryptoKey } = {}
	): Promise<PushEnvelope> {
		const copies = records.map((r) => structuredClone(r)) as PushEnvelope['records'];
		const deviceTime = o.deviceTime ?? this.app.now();
		const hashes = copies.map((r) => (typeof r.hash === 'string' ? r.hash : ''));
		return {
			protocol: SYNC_PROTOCOL_VERSION,
			deviceId: this.id,
			deviceTime,
			records: copies,
			signature: await signPush(o.key ?? this.keys.privateKey, { protocol: SYNC_PROTOCOL_VERSION, deviceId: this.id, deviceTime, hashes })
		};
	}

	async push(records: readonly OutboxRecord[], o: { deviceTime?: number } = {}): Promise<PushResult> {
		return pushRecords(this.app, await this.batch(records, o));
	}

	/** A pull as the office client sends it: signed, with the device's clock now. */
	async pullInput(o: { sinceVersion?: number; deviceTime?: number; key?: CryptoKey; practiceVisits?: number } = {}): Promise<DevicePullInput & { sinceVersion: number }> {
		const sinceVersion = o.sinceVersion ?? 0;
		const deviceTime = o.deviceTime ?? this.app.now();
		const signed = { protocol: SYNC_PROTOCOL_VERSION, deviceId: this.id, deviceTime, sinceVersion, ...(o.practiceVisits === undefined ? {} : { practiceVisits: o.practiceVisits }) };
		return { ...signed, signature: await signPull(o.key ?? this.keys.privateKey, signed) };
	}

	async pull(o: { sinceVersion?: number; deviceTime?: number; key?: CryptoKey; practiceVisits?: number } = {}): Promise<DevicePull> {
		return pullForDevice(this.app, await this.pullInput(o));
	}
}

export function reasons(result: PushResult): string[] {
	return result.results.map((r) => r.reason);
}

/** Row counts of every table the push writes, to show a replay changes nothing. */
export async function rowCounts(db: Kysely<Database>) {
	const tables = ['signing_window', 'signature', 'record_result', 'qc_contact', 'day_close', 'raw_record'] as const;
	const out: Record<string, number> = {};
	for (const t of tables) {
		const r = await db
			.selectFrom(t)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		out[t] = Number(r.n);
	}
	return out;
}

export function trpcCall(
	app: App,
	path: string,
	o: { input?: unknown; method?: 'GET' | 'POST'; origin?: string | null; cookie?: string; base?: string; ip?: string } = {}
): Promise<Response> {
	const base = o.base ?? 'http://localhost';
	const method = o.method ?? 'GET';
	const headers = new Headers();
	if (o.cookie) headers.set('cookie', o.cookie);
	let url = `${base}/api/trpc/${path}`;
	let body: string | undefined;
	if (method === 'GET') {
		if (o.input !== undefined) url += `?input=${encodeURIComponent(JSON.stringify(o.input))}`;
	} else {
		headers.set('content-type', 'application/json');
		const origin = o.origin === undefined ? base : o.origin;
		if (origin !== null) headers.set('origin', origin);
		body = JSON.stringify(o.input ?? null);
	}
	return handleTrpc(new Request(url, { method, headers, body }), app, { clientAddress: o.ip ?? '10.0.0.1' });
}
