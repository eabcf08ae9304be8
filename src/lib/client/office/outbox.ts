/**
 * Appending to the device's hash-chained outbox. Hashing is WebCrypto, and WebCrypto must never
 * be awaited inside a Dexie transaction (it commits early), so the record is hashed first, under
 * a Web Lock that keeps other tabs from appending in between, and then written in one short
 * transaction that re-checks the chain head.
 */
import { uuidv7 } from './uuid7';
import {
	GENESIS_HASH,
	sealRecord,
	type OutboxRecord,
	type RecordType,
	type UnsignedRecord
} from '$lib/domain/outbox-record.core';
import { seal } from '$lib/domain/sealed-box';
import { deviceDb, type DeviceDatabase } from '../db';

type PayloadOf<T extends RecordType> = Extract<UnsignedRecord, { type: T }>['payload'];

async function withOutboxLock<T>(fn: () => Promise<T>): Promise<T> {
	if (typeof navigator !== 'undefined' && navigator.locks) {
		return navigator.locks.request('klatiene-outbox', fn);
	}
	return fn();
}

async function chainHead(db: DeviceDatabase): Promise<{ seq: number; hash: string }> {
	const last = await db.outbox.orderBy('seq').last();
	return last ? { seq: last.seq, hash: last.record.hash } : { seq: 0, hash: GENESIS_HASH };
}

export class OutboxError extends Error {}

export async function appendRecord<T extends RecordType>(
	deviceId: string,
	type: T,
	payload: PayloadOf<T>,
	at = Date.now()
): Promise<OutboxRecord> {
	const db = deviceDb();
	return withOutboxLock(async () => {
		const head = await chainHead(db);
		const record = await sealRecord({
			id: uuidv7(),
			deviceId,
			seq: head.seq + 1,
			at,
			prevHash: head.hash,
			type,
			payload
		} as UnsignedRecord);
		await db.transaction('rw', db.outbox, async () => {
			const now = await db.outbox.orderBy('seq').last();
			if ((now?.seq ?? 0) !== head.seq) throw new OutboxError('the outbox changed while a record was being made');
			await db.outbox.add({ seq: record.seq, record, type, state: 'pending', result: null, settledAt: null });
		});
		return record;
	});
}

export async function pendingCount(): Promise<number> {
	return deviceDb().outbox.where('state').anyOf('pending', 'sent').count();
}

/**
 * Visits not yet sent, as the clerk counts them: one per signing window with any record waiting
 * (its opening, signatures and closing are several records), and when the oldest was made.
 */
export async function pendingVisits(): Promise<{ count: number; oldestAt: number | null }> {
	const rows = await deviceDb().outbox.where('state').anyOf('pending', 'sent').toArray();
	const windows = new Set<string>();
	let oldestAt: number | null = null;
	for (const row of rows) {
		const windowId = (row.record.payload as { windowId?: unknown }).windowId;
		if (typeof windowId !== 'string') continue;
		windows.add(windowId);
		if (oldestAt === null || row.record.at < oldestAt) oldestAt = row.record.at;
	}
	return { count: windows.size, oldestAt };
}

/** Records the server answered with anything but "accepted", newest first, for the office screen. */
export async function problemRecords(limit = 50) {
	const rows = await deviceDb().outbox.where('state').anyOf('duplicate', 'rejected', 'quarantined').toArray();
	return rows.sort((a, b) => b.seq - a.seq).slice(0, limit);
}

const KEEP_SETTLED_MS = 7 * 24 * 60 * 60 * 1000;

/** Drops records the server settled long ago; the chain head always stays, to link the next one. */
export async function pruneSettled(now = Date.now()): Promise<number> {
	const db = deviceDb();
	const head = await db.outbox.orderBy('seq').last();
	if (!head) return 0;
	return db.outbox
		.filter((r) => r.seq !== head.seq && r.settledAt !== null && now - r.settledAt > KEEP_SETTLED_MS)
		.delete();
}

/**
 * For `npm run bench` only: when the page was opened with `window.__KLATIENE_BENCH__` set
 * before the app loaded (Playwright's addInitScript), the real append path (seal, hash, Dexie
 * write) is reachable from the page, so its latency is measured on the built app. Nothing is
 * exposed otherwise.
 */
if (typeof window !== 'undefined' && (window as { __KLATIENE_BENCH__?: unknown }).__KLATIENE_BENCH__ === true) {
	(window as unknown as { __klatieneOutbox: unknown }).__klatieneOutbox = { appendRecord, seal };
}
