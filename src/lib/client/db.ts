import Dexie, { type EntityTable } from 'dexie';
import { deviceDbStatus } from './device-db-status.svelte';
import type {
	CatalogInitiative,
	CatalogOffice,
	InitiativeProgress
} from '$lib/domain/catalog-protocol';
import type { OutboxRecord } from '$lib/domain/outbox-record.core';
import type { RecordResult, RecordState } from '$lib/domain/sync-protocol.core';

export interface MetaRow {
	key: string;
	value: unknown;
}

/**
 * The device's own database. The catalog part holds only public data (initiatives, offices,
 * counts), which is why a library PC may keep it.
 */
/** This browser profile as an enrolled office or library device. */
export interface DeviceRow {
	key: 'self';
	id: string;
	officeId: string;
	kind: 'kac' | 'library';
	/** Non-extractable ECDSA P-256 key: usable for signing, never readable, even by us. */
	privateKey: CryptoKey;
	publicKey: JsonWebKey;
	enrolledAt: number;
}

/** One outbox record with where it stands. Personal data inside is sealed (DESIGN §5). */
export interface OutboxRow {
	seq: number;
	record: OutboxRecord;
	type: OutboxRecord['type'];
	state: RecordState;
	result: RecordResult | null;
	/** For pruning: when the server's final answer arrived. */
	settledAt: number | null;
}

/**
 * A signing window as the device remembers it: no identity, only what the office day needs.
 * `closedAt` null means no window.close record was written yet.
 */
export interface WindowRow {
	id: string;
	clerkId: string;
	openedAt: number;
	lengthMs: number;
	closedAt: number | null;
	closeReason: string | null;
	signatures: number;
	/** 1 until a window.close record is written (0/1: IndexedDB cannot index booleans or null). */
	open: 0 | 1;
}

/** A clerk who may unlock office mode on this device with a PIN (verifier only). */
export interface ClerkPinRow {
	clerkId: string;
	username: string;
	name: string;
	officeId: string;
	salt: string;
	verifier: string;
	iterations: number;
	failedAttempts: number;
	setAt: number;
}

export class DeviceDatabase extends Dexie {
	device!: EntityTable<DeviceRow, 'key'>;
	outbox!: EntityTable<OutboxRow, 'seq'>;
	windows!: EntityTable<WindowRow, 'id'>;
	clerkPins!: EntityTable<ClerkPinRow, 'clerkId'>;
	initiatives!: EntityTable<CatalogInitiative, 'id'>;
	offices!: EntityTable<CatalogOffice, 'id'>;
	progress!: EntityTable<InitiativeProgress, 'initiativeId'>;
	meta!: EntityTable<MetaRow, 'key'>;

	constructor(name = 'klatiene') {
		super(name);
		this.version(1).stores({
			initiatives: 'id, &slug, status',
			offices: 'id, &slug, kind, municipality',
			progress: 'initiativeId',
			meta: 'key'
		});
		this.version(2).stores({
			device: 'key',
			outbox: 'seq, state, type',
			windows: 'id, openedAt, open',
			clerkPins: 'clerkId, &username'
		});
		// A schema step: add `this.version(n + 1)` above with an upgrade that keeps every outbox
		// row, the device key and the windows (tests/e2e/office-update.spec.ts rehearses one).
		this.on('ready', refuseNewerSchema, true);
	}
}

/**
 * Dexie 4 opens a database that a newer build has already upgraded (it retries without a
 * version when IndexedDB says VersionError), so this build would read rows whose shape it does
 * not know. Refuse instead: the open fails with Dexie's VersionError and the clerk is told to
 * wait for the newer app and reload. The data stays as it is.
 *
 * Only at this page's first open: when a newer build in another tab upgrades the database under
 * a page already running (Dexie closes and reopens), that page goes on, so a citizen's window
 * open in it is never cut short; the schema steps only add, and the newer app reads its rows.
 */
let openedBefore = false;
function refuseNewerSchema(db: Dexie) {
	// Dexie stores version n as 10·n; a schema it patched itself (10·n + 1) is still version n.
	const installed = Math.floor(db.backendDB().version / 10);
	if (installed <= db.verno || openedBefore) {
		openedBefore = true;
		return;
	}
	deviceDbStatus.newerSchema = true;
	throw new Dexie.VersionError(
		`The device database is at schema ${installed}, made by a newer build; this build knows ${db.verno}.`
	);
}

let instance: DeviceDatabase | undefined;

export function deviceDb(): DeviceDatabase {
	instance ??= new DeviceDatabase();
	return instance;
}
