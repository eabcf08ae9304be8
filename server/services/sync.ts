/**
 * `sync.push` (DESIGN §5): a device sends a batch of consecutive outbox records and its
 * signature over the last record's hash; the server answers one result per record.
 *
 *   1. unknown device                      → ok:false unknown_device (nothing stored)
 *   2. every record is stored raw, as received, before anything else (append-only): as the
 *      first writes of the transaction that records the outcome, or on their own if anything
 *      fails before that transaction commits
 *   3. revoked device                      → ok:false device_revoked
 *   4. signature over the last hash wrong  → ok:false bad_signature (the device is not flagged:
 *                                            anyone who knows a device id could send this)
 *   5. records sorted by seq (the chain fixes the order, so arrival order does not matter);
 *      a record that does not parse, a seq sent twice with different content, another
 *      device's id, a changed hash or a broken link inside the batch → quarantine: every record
 *      of the batch `quarantined`/`tampered`, and the device is flagged
 *   6. in one transaction, with the device row locked:
 *      - seq ≤ device.last_seq: already applied; the stored result is returned unchanged if
 *        the hash is the stored one, a different hash is tampering (quarantine as above)
 *      - first new seq ≠ last_seq + 1 → ok:false gap, with the server's lastSeq
 *      - first new record not linked to device.last_hash → quarantine
 *      - otherwise every new record is applied in seq order (the rules of DESIGN §4), and
 *        last_seq/last_hash advance
 *   The device's clock offset is recorded at every authenticated push; a device more than five
 *   minutes off, or with a record stamped in the server's future, is flagged.
 *
 * Client mistakes are answers, never exceptions. Work per push is proportional to the batch:
 * the few rows it touches are read with one query per table, and written with multi-row
 * statements.
 */
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { outboxRecord, verifyChainHashes, type OutboxRecord } from '../../src/lib/domain/outbox-record';
import {
	MAX_PUSH_RECORDS,
	PROTOCOL_VERSION,
	pushInput,
	type PushResult,
	type Reason,
	type RecordResult
} from '../../src/lib/domain/sync-protocol';
import type { App } from '../app';
import type { Database } from '../db/schema';
import { verifyDeviceSignature } from '../node-crypto';
import { deviceById, touchDeviceForPush, updateDevice, type DeviceRow } from '../repositories/devices';
import { insertRawRecords } from '../repositories/raw-records';
import { resultsBetween, type RecordResultRow } from '../repositories/record-results';
import { appendAuditBy, SYSTEM_ACTOR } from './audit';
import { signaturesChanged } from './signature-changes';
import { applyRecords } from './sync-apply';
import { identityOf, type OpenedIdentity, type WindowOpenRecord } from './sync-identity';

/** A device clock further off than this, or a record this far in the future, flags the device. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

/**
 * The wire shape of a push, as `pushInput` but with each record only required to be an
 * object: records are stored raw first and validated one by one after, so that nothing a
 * device sends is lost to a validation error.
 */
export const pushEnvelope = pushInput.extend({
	records: z.array(z.looseObject({})).min(1).max(MAX_PUSH_RECORDS)
});
export type PushEnvelope = z.output<typeof pushEnvelope>;

export type FlagReason = 'clock_offset' | 'future_record' | 'tampered';

function storedResult(row: RecordResultRow): RecordResult {
	return { seq: Number(row.seq), id: row.record_id, state: row.state, reason: row.reason as Reason };
}

function quarantined(records: readonly { seq: number; id: string }[]): RecordResult[] {
	return records.map((r) => ({ seq: r.seq, id: r.id, state: 'quarantined', reason: 'tampered' }));
}

/**
 * Adds flags to a device. A reason it did not have yet is also an audit entry, in the same
 * transaction: an auditor sees when and why the server started to distrust a device.
 */
async function flagDevice(
	trx: Kysely<Database>,
	device: DeviceRow,
	add: ReadonlySet<FlagReason>,
	now: number,
	clockOffsetMs: number
): Promise<void> {
	if (add.size === 0) return;
	const had = new Set((device.flag_reason ?? '').split(',').filter(Boolean));
	// A flag an administrator cleared counts as new when it comes back.
	const added = [...add].filter((r) => !device.flagged || !had.has(r)).sort();
	if (added.length === 0) return;
	const reasons = [...new Set([...had, ...add])].sort();
	await updateDevice(trx, device.id, { flagged: 1, flag_reason: reasons.join(','), flagged_at: device.flagged_at ?? now });
	await appendAuditBy(trx, SYSTEM_ACTOR, 'device.flag', { type: 'device', id: device.id }, { reasons: added, clockOffsetMs }, now);
}

export async function pushRecords(app: App, input: PushEnvelope): Promise<PushResult> {
	const db = app.database.db;
	const serverTime = app.now();
	const base = { protocol: PROTOCOL_VERSION, serverTime } as const;

	const known = await deviceById(db, input.deviceId);
	if (!known) return { ...base, ok: false, reason: 'unknown_device', lastSeq: 0, results: [] };

	// 2. Raw first: nothing a device sends is ever lost, whatever happens next. The raw rows
	// are the first writes of the transaction that records the push's outcome (one commit per
	// push, not two); if anything fails before that transaction commits, they are written on
	// their own before the error goes on.
	const batchId = uuidv7();
	const raw = {
		stored: false,
		rows: input.records.map((r) => ({
			id: uuidv7(),
			device_id: known.id,
			seq: Number.isSafeInteger(r.seq) ? (r.seq as number) : null,
			body: JSON.stringify(r),
			received_at: serverTime,
			batch_id: batchId
		}))
	};
	const transactionWithRaw = async <T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> => {
		const out = await db.transaction().execute(async (trx) => {
			await insertRawRecords(trx, raw.rows);
			return work(trx);
		});
		raw.stored = true;
		return out;
	};
	try {
		return await reconcile(app, input, known, base, serverTime, transactionWithRaw);
	} catch (error) {
		if (!raw.stored) await insertRawRecords(db, raw.rows);
		throw error;
	}
}

type Base = { protocol: typeof PROTOCOL_VERSION; serverTime: number };
type TransactionWithRaw = <T>(work: (trx: Kysely<Database>) => Promise<T>) => Promise<T>;

/** Steps 3–6 for a known device; every way out commits the raw records with its outcome. */
async function reconcile(
	app: App,
	input: PushEnvelope,
	known: DeviceRow,
	base: Base,
	serverTime: number,
	transactionWithRaw: TransactionWithRaw
): Promise<PushResult> {
	if (known.status !== 'active') {
		await transactionWithRaw(async () => {});
		return { ...base, ok: false, reason: 'device_revoked', lastSeq: Number(known.last_seq), results: [] };
	}

	// 4. The signature vouches for the record with the highest seq, and through its hash chain
	// for every record before it.
	const loose = input.records;
	const last = loose.reduce((a, b) => ((Number(b.seq) || 0) > (Number(a.seq) || 0) ? b : a), loose[loose.length - 1]);
	const lastHash = typeof last.hash === 'string' ? last.hash : '';
	if (!lastHash || !(await verifyDeviceSignature(known.public_key, lastHash, input.signature))) {
		await transactionWithRaw(async () => {});
		return { ...base, ok: false, reason: 'bad_signature', lastSeq: Number(known.last_seq), results: [] };
	}

	const offset = serverTime - input.deviceTime;
	const flags = new Set<FlagReason>();
	if (Math.abs(offset) > CLOCK_TOLERANCE_MS) flags.add('clock_offset');
	if (loose.some((r) => typeof r.at === 'number' && r.at > serverTime + CLOCK_TOLERANCE_MS)) flags.add('future_record');

	const quarantine = async (results: RecordResult[]): Promise<PushResult> => {
		flags.add('tampered');
		const device = await transactionWithRaw(async (trx) => {
			const d = await touchDeviceForPush(trx, known.id, { last_sync_at: serverTime, clock_offset_ms: offset });
			if (d) await flagDevice(trx, d, flags, serverTime, offset);
			return d ?? known;
		});
		return { ...base, ok: false, reason: 'tampered', lastSeq: Number(device.last_seq), results };
	};
	const claimed = loose
		.filter((r) => Number.isSafeInteger(r.seq) && typeof r.id === 'string')
		.map((r) => ({ seq: r.seq as number, id: r.id as string }));

	// 5. Every record must be a well-formed record of this device.
	const records: OutboxRecord[] = [];
	for (const r of loose) {
		const parsed = outboxRecord.safeParse(r);
		if (!parsed.success || parsed.data.deviceId !== known.id) return quarantine(quarantined(claimed));
		records.push(parsed.data);
	}
	records.sort((a, b) => a.seq - b.seq);
	const sorted: OutboxRecord[] = [];
	for (const r of records) {
		const prev = sorted[sorted.length - 1];
		if (prev && prev.seq === r.seq) {
			if (prev.hash !== r.hash) return quarantine(quarantined(claimed));
			continue; // the same record twice in one batch
		}
		sorted.push(r);
	}
	// Crypto before the transaction, so the database is locked only for database work, and off
	// the event loop (server/identity-opener.ts): one ECDH key agreement per window to open its
	// identity, and each record's hash for the chain check, all of the batch in one trip to a
	// worker thread while the event loop serves other pushes. If a concurrent push moved
	// last_seq meanwhile, the records still new are a subset of the ones opened here.
	const toOpen = sorted.filter((r): r is WindowOpenRecord => r.seq > Number(known.last_seq) && r.type === 'window.open');
	const work = await app.secrets.openIdentities(
		toOpen.map((r) => r.payload.identity),
		sorted
	);
	const chain = verifyChainHashes(sorted, sorted[0].prevHash, sorted[0].seq, work.hashes);
	if (!chain.ok) {
		// A hole inside the batch is a gap (send again from lastSeq); anything else is tampering.
		if (chain.problem !== 'seq') return quarantine(quarantined(sorted));
		await transactionWithRaw(async (trx) => {
			const d = await touchDeviceForPush(trx, known.id, { last_sync_at: serverTime, clock_offset_ms: offset });
			if (d) await flagDevice(trx, d, flags, serverTime, offset);
		});
		return { ...base, ok: false, reason: 'gap', lastSeq: Number(known.last_seq), results: [] };
	}
	const opened = new Map<string, OpenedIdentity | null>();
	for (let i = 0; i < toOpen.length; i++) {
		opened.set(toOpen[i].payload.windowId + ':' + toOpen[i].seq, await identityOf(app, work.identities[i]));
	}

	let outcome: PushResult | undefined;
	await transactionWithRaw(async (trx) => {
		const device = await touchDeviceForPush(trx, known.id, { last_sync_at: serverTime, clock_offset_ms: offset });
		if (!device) {
			outcome = { ...base, ok: false, reason: 'unknown_device', lastSeq: 0, results: [] };
			return;
		}
		const lastSeq = Number(device.last_seq);
		if (device.status !== 'active') {
			outcome = { ...base, ok: false, reason: 'device_revoked', lastSeq, results: [] };
			return;
		}
		const old = sorted.filter((r) => r.seq <= lastSeq);
		const fresh = sorted.filter((r) => r.seq > lastSeq);

		// Already applied: the same record gets the same answer; a different one is tampering.
		const oldResults: RecordResult[] = [];
		let tampered = false;
		if (old.length) {
			const stored = new Map(
				(await resultsBetween(trx, device.id, old[0].seq, old[old.length - 1].seq)).map((s) => [Number(s.seq), s])
			);
			for (const r of old) {
				const s = stored.get(r.seq);
				if (!s || s.hash !== r.hash) tampered = true;
				else oldResults.push(storedResult(s));
			}
		}
		if (!tampered && fresh.length && fresh[0].seq === lastSeq + 1 && fresh[0].prevHash !== device.last_hash) {
			tampered = true;
		}
		if (tampered) {
			flags.add('tampered');
			await flagDevice(trx, device, flags, serverTime, offset);
			const kept = new Set(oldResults.map((r) => r.seq));
			const results = [...oldResults, ...quarantined(sorted.filter((r) => !kept.has(r.seq)))].sort((a, b) => a.seq - b.seq);
			outcome = { ...base, ok: false, reason: 'tampered', lastSeq, results };
			return;
		}
		await flagDevice(trx, device, flags, serverTime, offset);
		if (fresh.length === 0) {
			outcome = { ...base, ok: true, lastSeq, results: oldResults };
			return;
		}
		if (fresh[0].seq !== lastSeq + 1) {
			outcome = { ...base, ok: false, reason: 'gap', lastSeq, results: oldResults };
			return;
		}

		const freshResults = await applyRecords(app, trx, device, fresh, opened, serverTime);
		const newLast = fresh[fresh.length - 1];
		await updateDevice(trx, device.id, { last_seq: newLast.seq, last_hash: newLast.hash });
		outcome = { ...base, ok: true, lastSeq: newLast.seq, results: [...oldResults, ...freshResults] };
	});
	// Public progress counts changed (committed): the next read counts again.
	if (outcome?.ok && outcome.results.some((r) => r.state === 'accepted')) signaturesChanged(app.database.db, 'accepted');
	return outcome!;
}

