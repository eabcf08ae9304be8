/**
 * Benchmark data: the demo catalog, one clerk per KAC, enrolled devices with real ECDSA keys,
 * and real hash-chained, signed outbox records with identities sealed to the server's key, as
 * tests/server/kit.ts makes them, only faster to make in bulk (node:crypto, same bytes):
 *
 *   visit = window.open (sealed identity) + 1-3 signatures + window.close
 *
 * A share of visits are the same person again on another device, signing the same
 * initiatives: those signatures are cross-device duplicates (exactly one per person and
 * initiative may be accepted, whichever device reaches the server first).
 *
 * Generating a sealed box needs an ephemeral ECDH key. The generator reuses a small pool of
 * ephemeral keys to keep making a million records affordable; the server cannot tell and
 * still performs one full key agreement per window (it caches nothing by key).
 */
import { createCipheriv, createECDH, createHash, hkdfSync, randomBytes, type ECDH } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { App } from '../../../server/app-context';
import { readConfig } from '../../../server/config';
import { officeBySlug } from '../../../server/repositories/offices';
import { loadSecrets } from '../../../server/keys/resolve';
import { seedDemoData } from '../../../server/seed/seed';
import { createEnrollmentCode, enrollDevice } from '../../../server/services/enrollment';
import { createStaff } from '../../../server/services/staff';
import { canonicalJson } from '../../../src/lib/domain/canonical-json';
import { exportDevicePublicKey, generateDeviceKeyPair, signPush } from '../../../src/lib/domain/device-signature';
import type { Identity } from '../../../src/lib/domain/identity';
import {
	GENESIS_HASH,
	hashInput,
	type OutboxRecord,
	type UnsignedRecord
} from '../../../src/lib/domain/outbox-record';
import { oldFormatCheckDigit } from '../../../src/lib/domain/personal-code';
import { SEALED_BOX_ALG, type SealedBox, type SealingKey } from '../../../src/lib/domain/sealed-box';
import { MAX_PUSH_BYTES, MAX_PUSH_RECORDS, SYNC_PROTOCOL_VERSION } from '../../../src/lib/domain/sync-protocol';
import type { PushEnvelope } from '../../../server/services/sync';
import type { BenchDatabase } from './databases';
import { benchKeyEnv } from './keys';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface BenchApp extends App {
	setNow(ms: number): void;
}

/** An App on a bench database with a settable clock (the bench's keys, as its servers get them). */
export async function benchApp(database: BenchDatabase, now: number): Promise<BenchApp> {
	let clock = now;
	const config = { ...readConfig({ DEMO_DATA: 'off', ...(await benchKeyEnv()) }), databaseUrl: database.url };
	const secrets = await loadSecrets(database, config, { demo: false, now });
	return {
		config,
		database,
		secrets,
		now: () => clock,
		setNow(ms) {
			clock = ms;
		}
	};
}

export interface Clerk {
	id: string;
	officeId: string;
	officeSlug: string;
	municipality: string;
}

export interface BenchWorld {
	/** Open national initiatives (anyone LV, 16+ may sign). */
	initiatives: string[];
	clerks: Clerk[];
}

const KAC_SLUGS = [
	'kac-grobina',
	'kac-aizpute',
	'kac-kekava',
	'kac-vecpiebalga',
	'kac-riga-pils-laukums',
	'kac-riga-pardaugava',
	'kac-sala',
	'kac-dundaga',
	'kac-cesis',
	'kac-talsi',
	'kac-kuldiga',
	'kac-rezekne'
];

/** The demo catalog (8 initiatives, 16 offices), and one clerk at each of its 12 KACs. */
export async function createBenchWorld(app: App, now: number): Promise<BenchWorld> {
	const db = app.database.db;
	await seedDemoData(db, now - 2 * DAY);
	const clerks = await Promise.all(
		KAC_SLUGS.map(async (slug, i) => {
			const office = await officeBySlug(db, slug);
			if (!office) throw new Error(`demo office ${slug} missing`);
			const id = await createStaff(
				db,
				{ username: `bench.clerk${i}`, displayName: `Bench Clerk ${i}`, role: 'clerk', office: slug, password: 'bench-password-1' },
				now - 30 * DAY
			);
			return { id, officeId: office.id, officeSlug: slug, municipality: office.municipality };
		})
	);
	const open = await db
		.selectFrom('initiative')
		.select('id')
		.where('status', '=', 'open')
		.where('scope', '=', 'national')
		.where('opens_at', '<', now - DAY)
		.where('closes_at', '>', now + DAY)
		.orderBy('slug')
		.execute();
	if (open.length < 2) throw new Error('the demo data has too few open national initiatives');
	return { initiatives: open.map((r) => r.id), clerks };
}

export interface BenchDevice {
	id: string;
	clerk: Clerk;
	privateKey: CryptoKey;
}

export async function enrollDevices(app: App, world: BenchWorld, count: number): Promise<BenchDevice[]> {
	const out: BenchDevice[] = [];
	for (let i = 0; i < count; i++) {
		const clerk = world.clerks[i % world.clerks.length];
		const { code } = await createEnrollmentCode(app.database.db, clerk.officeSlug, 'kac', DAY, app.now());
		const keys = await generateDeviceKeyPair(true);
		// Each bench device is a PC of its own, with its own address: enrolment is rate limited per address.
		const r = await enrollDevice(app, { code, publicKey: await exportDevicePublicKey(keys.publicKey) }, `10.${(i >> 8) & 255}.${i & 255}.1`);
		if (!r.ok) throw new Error(`enrollment failed: ${r.reason}`);
		out.push({ id: r.device.id, clerk, privateKey: keys.privateKey });
	}
	return out;
}

/** Deterministic pseudo-random numbers, so every run pushes the same shape of data. */
export function rng(seed: number) {
	let s = seed >>> 0 || 1;
	return () => {
		s ^= s << 13;
		s ^= s >>> 17;
		s ^= s << 5;
		return (s >>> 0) / 4294967296;
	};
}

const BIRTH_BASE = Date.UTC(1950, 0, 1);

/** A valid old-format personal code and birth date, different for every index below 20,000,000. */
export function person(index: number): { personalCode: string; birthDate: string } {
	const birth = new Date(BIRTH_BASE + (index % 20_000) * DAY);
	const dd = String(birth.getUTCDate()).padStart(2, '0');
	const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
	const year = birth.getUTCFullYear();
	const first10 = `${dd}${mm}${String(year % 100).padStart(2, '0')}${year >= 2000 ? 2 : 1}${String(Math.floor(index / 20_000) % 1000).padStart(3, '0')}`;
	return { personalCode: first10 + oldFormatCheckDigit(first10), birthDate: birth.toISOString().slice(0, 10) };
}

/** Seals like src/lib/domain/sealed-box.ts `seal` (same format, same bytes for the server). */
export class FastSealer {
	private readonly pool: { epk: SealedBox['epk']; aes: Buffer }[] = [];
	private next = 0;

	constructor(
		private readonly key: SealingKey,
		poolSize = 16
	) {
		const server = Buffer.concat([
			Buffer.from([4]),
			Buffer.from(key.publicKey.x!, 'base64url'),
			Buffer.from(key.publicKey.y!, 'base64url')
		]);
		for (let i = 0; i < poolSize; i++) {
			const eph: ECDH = createECDH('prime256v1');
			eph.generateKeys();
			const pub = eph.getPublicKey();
			const shared = eph.computeSecret(server);
			const aes = Buffer.from(hkdfSync('sha256', shared, Buffer.from(key.kid, 'utf8'), Buffer.from('klatiene identity v1', 'utf8'), 32));
			this.pool.push({
				epk: { kty: 'EC', crv: 'P-256', x: pub.subarray(1, 33).toString('base64url'), y: pub.subarray(33).toString('base64url') },
				aes
			});
		}
	}

	seal(value: unknown): SealedBox {
		const { epk, aes } = this.pool[this.next++ % this.pool.length];
		const iv = randomBytes(12);
		const c = createCipheriv('aes-256-gcm', aes, iv);
		const ct = Buffer.concat([c.update(canonicalJson(value), 'utf8'), c.final(), c.getAuthTag()]);
		return { alg: SEALED_BOX_ALG, kid: this.key.kid, epk, iv: iv.toString('base64url'), ct: ct.toString('base64url') };
	}
}

export function sealWith(unsigned: UnsignedRecord): OutboxRecord {
	const hash = createHash('sha256').update(hashInput(unsigned), 'utf8').digest('hex');
	return { ...unsigned, hash } as OutboxRecord;
}

export interface ShapeOptions {
	/** Records per device (the last visit is cut to fit, or a day.close fills the last slot)… */
	recordsPerDevice: number;
	/** …or, when set, visits until the device has this many signatures. */
	signaturesPerDevice?: number;
	/** Signatures per visit: from minSignatures (default 1) to maxSignatures. */
	minSignatures?: number;
	/** Share of visits that repeat a person already seen on another device. */
	duplicateShare: number;
	/** Share of citizens who consent to a quality-control call (their phone is sealed too). */
	qcShare: number;
	/** Signatures per visit: 1..maxSignatures, at most the number of open initiatives. */
	maxSignatures: number;
	seed: number;
	now: number;
}

interface VisitMemory {
	device: number;
	identity: Identity;
	initiatives: string[];
}

/**
 * Makes outbox records for many devices, device by device. Keeps what it needs to make
 * duplicates (one identity per earlier visit) and the expected totals.
 */
export class RecordFactory {
	private readonly random: () => number;
	private readonly sealer: FastSealer;
	private readonly memory: VisitMemory[] = [];
	private personIndex: number;
	readonly expected = { records: 0, windows: 0, signatures: 0, qc: 0, pairs: new Set<string>(), qcWindows: new Set<string>() };

	constructor(
		private readonly world: BenchWorld,
		sealingKey: SealingKey,
		private readonly o: ShapeOptions
	) {
		this.random = rng(o.seed);
		this.sealer = new FastSealer(sealingKey);
		this.personIndex = o.seed % 1000;
	}

	private identity(deviceIndex: number, municipality: string): Identity {
		const p = person(this.personIndex++);
		const qc = this.random() < this.o.qcShare;
		return {
			givenName: 'Bench',
			surname: `Person${deviceIndex}`,
			personalCode: p.personalCode,
			birthDate: p.birthDate,
			documentType: 'passport',
			documentNumber: `LV${String(this.personIndex).padStart(7, '0')}`,
			citizenship: 'LV',
			declaredMunicipality: municipality,
			propertyMunicipalities: [],
			qcPhone: qc ? `+3712${String(this.personIndex % 10_000_000).padStart(7, '0')}` : null,
			qcConsent: qc
		};
	}

	/** Every record of one device, in seq order, from visits that end before `o.now`. */
	recordsFor(deviceIndex: number, device: BenchDevice): OutboxRecord[] {
		const { now, signaturesPerDevice } = this.o;
		// Enough room for the signatures asked for: at most 2 more records per signature.
		const recordsPerDevice = signaturesPerDevice ? signaturesPerDevice * 3 + 3 : this.o.recordsPerDevice;
		let signatures = 0;
		const records: OutboxRecord[] = [];
		let seq = 0;
		let prevHash = GENESIS_HASH;
		// Visits 4 minutes apart, the last one ending well before now.
		let t = now - Math.ceil(recordsPerDevice / 2) * 4 * MINUTE - 30 * MINUTE;
		const add = (type: OutboxRecord['type'], payload: unknown, at: number) => {
			const unsigned = { id: uuidv7(), deviceId: device.id, seq: ++seq, at, prevHash, type, payload } as UnsignedRecord;
			const record = sealWith(unsigned);
			prevHash = record.hash;
			records.push(record);
			return record;
		};
		const clerk = device.clerk;
		const maxK = Math.min(this.o.maxSignatures, this.world.initiatives.length);
		let windows = 0;
		const minK = Math.min(this.o.minSignatures ?? 1, maxK);
		while (signaturesPerDevice ? signatures < signaturesPerDevice : records.length < recordsPerDevice) {
			const left = recordsPerDevice - records.length;
			if (left === 1 && !signaturesPerDevice) {
				add(
					'day.close',
					{
						officeId: clerk.officeId,
						clerkId: clerk.id,
						day: new Date(t).toISOString().slice(0, 10),
						windowsOpened: windows,
						visitsWithSignatures: windows,
						abandonedWindows: 0,
						unsynced: 0
					},
					t
				);
				break;
			}
			let identity: Identity;
			let initiatives: string[];
			const earlier = this.memory.length ? this.memory[Math.floor(this.random() * this.memory.length)] : null;
			if (earlier && earlier.device !== deviceIndex && this.random() < this.o.duplicateShare) {
				identity = earlier.identity;
				initiatives = earlier.initiatives;
			} else {
				identity = this.identity(deviceIndex, clerk.municipality);
				const k = minK + Math.floor(this.random() * (maxK - minK + 1));
				const start = Math.floor(this.random() * this.world.initiatives.length);
				initiatives = Array.from({ length: k }, (_, i) => this.world.initiatives[(start + i) % this.world.initiatives.length]);
			}
			initiatives = signaturesPerDevice
				? initiatives.slice(0, signaturesPerDevice - signatures)
				: initiatives.slice(0, Math.max(0, left - 2));
			signatures += initiatives.length;
			const windowId = uuidv7();
			add(
				'window.open',
				{
					windowId,
					clerkId: clerk.id,
					officeId: clerk.officeId,
					openedAt: t,
					lengthMs: 15 * MINUTE,
					attested: true,
					identity: this.sealer.seal(identity),
					receiptHash: randomBytes(32).toString('hex')
				},
				t
			);
			windows++;
			this.expected.windows++;
			if (identity.qcConsent) {
				this.expected.qc++;
				this.expected.qcWindows.add(windowId);
			}
			initiatives.forEach((initiativeId, i) => {
				add('signature', { windowId, initiativeId, signedAt: t + (i + 1) * MINUTE }, t + (i + 1) * MINUTE);
				this.expected.signatures++;
				this.expected.pairs.add(`${initiativeId}:${identity.personalCode}`);
			});
			const closedAt = t + (initiatives.length + 1) * MINUTE;
			add('window.close', { windowId, closedAt, reason: 'finished' }, closedAt);
			if (initiatives.length) this.memory.push({ device: deviceIndex, identity, initiatives });
			if (this.memory.length > 50_000) this.memory.splice(0, 10_000);
			t += 4 * MINUTE;
		}
		this.expected.records += records.length;
		return records;
	}
}

/** Splits a device's records into pushes that fit the protocol's limits, each signed. */
export async function envelopesFor(
	device: BenchDevice,
	records: readonly OutboxRecord[],
	deviceTime: number,
	maxRecords = MAX_PUSH_RECORDS
): Promise<PushEnvelope[]> {
	const out: PushEnvelope[] = [];
	let batch: OutboxRecord[] = [];
	let bytes = 0;
	const flush = async () => {
		if (!batch.length) return;
		const signed = { protocol: SYNC_PROTOCOL_VERSION, deviceId: device.id, deviceTime, hashes: batch.map((r) => r.hash) };
		out.push({
			protocol: SYNC_PROTOCOL_VERSION,
			deviceId: device.id,
			deviceTime,
			records: batch as unknown as PushEnvelope['records'],
			signature: await signPush(device.privateKey, signed)
		});
		batch = [];
		bytes = 0;
	};
	for (const r of records) {
		const size = JSON.stringify(r).length + 1;
		if (batch.length >= maxRecords || bytes + size > MAX_PUSH_BYTES - 1_000) await flush();
		batch.push(r);
		bytes += size;
	}
	await flush();
	return out;
}
