/**
 * `sync.push` (DESIGN §5, sync protocol 2): a device sends a batch of consecutive outbox records
 * and its signature over the whole envelope; the server answers one result per record.
 *
 * Only what the device really sent changes anything. Until a push verifies, the server stores
 * none of it: a refused push leaves a bounded digest (repositories/push-digests.ts: when, how
 * many records and bytes, a hash of the body, the reason) and nothing else, and its answer
 * tells a stranger nothing about the device (lastSeq 0).
 *
 *   1. another protocol version             → unsupported_protocol (`pushRequest`, below)
 *   2. unknown device                       → unknown_device
 *   3. the signature over the protocol, device id, device time and every record's hash in order
 *      (`pushSigningText`) must verify, and every record must carry the hash of its content as
 *      it arrived (RFC 8785 + SHA-256, computed off the event loop); if not → bad_signature.
 *      The device is not flagged: anyone who knows a device id can send this, and a replay with
 *      another device time or an added, dropped, reordered or changed record is exactly this.
 *   4. revoked device (the push is its own) → device_revoked
 *   From here on the push is the device's own:
 *   5. its records are stored raw, as received (append-only: nothing the device really sent is
 *      lost, even if a rule rejects it), in the transaction that records the outcome, or on
 *      their own if anything fails before that commits. A record the server already holds with
 *      the same hash is not stored again, so resending or replaying an old push adds nothing.
 *   6. records sorted by seq (the chain fixes the order, so arrival order does not matter);
 *      a record that does not parse, a seq sent twice with different content, another
 *      device's id or a broken link inside the batch
 *      → quarantine: every record of the batch `quarantined`/`tampered`, the device flagged
 *   7. in one transaction, with the device row locked:
 *      - seq ≤ device.last_seq: already applied; the stored result is returned unchanged if
 *        the hash is the stored one, a different hash is tampering (quarantine as above)
 *      - first new seq ≠ last_seq + 1 → ok:false gap, with the server's lastSeq
 *      - first new record not linked to device.last_hash → quarantine
 *      - otherwise every new record is applied in seq order (the rules of DESIGN §4), and
 *        last_seq/last_hash advance
 *   The device's clock offset and last sync time, and the clock_offset and future_record flags
 *   (a clock more than five minutes off, a record stamped in the server's future), change only
 *   on a verified push that brings records the server did not hold: a replay of an old envelope,
 *   however late, moves nothing.
 *
 * Client mistakes are answers, never exceptions. Work per push is proportional to the batch:
 * the few rows it touches are read with one query per table, and written with multi-row
 * statements.
 */
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { pushSigningText } from '../../src/lib/domain/device-signature';
import { outboxRecord, verifyChainHashes, type OutboxRecord } from '../../src/lib/domain/outbox-record';
import { batchVerdict } from '../../src/lib/domain/push-batch';
import {
	CLOCK_TOLERANCE_MS,
	MAX_PUSH_RECORDS,
	pushInput,
	SYNC_PROTOCOL_VERSION,
	type PushResult,
	type Reason,
	type RecordResult
} from '../../src/lib/domain/sync-protocol';
import type { App } from '../app-context';
import type { Database } from '../db/schema';
import { log as rootLog, type Logger } from '../log';
import { verifyDeviceSignature } from '../node-crypto';
import { deviceById, lockDeviceForPush, updateDevice, type DeviceRow } from '../repositories/devices';
import { UNKNOWN_DEVICE_KEY } from '../repositories/push-digests';
import { insertRawRecords } from '../repositories/raw-records';
import { resultsBetween, type RecordResultRow } from '../repositories/record-results';
import { appendAuditBy, SYSTEM_ACTOR } from './audit';
import { signaturesChanged } from './signature-changes';
import { applyRecords } from './sync-apply';
import { identityOf, type OpenedIdentity, type WindowOpenRecord } from './sync-identity';
import { logPush } from './push-log';
import { recordRefusal } from './sync-refusal';

export { CLOCK_TOLERANCE_MS };

/**
 * The wire shape of a push, as `pushInput` but with each record only required to be an
 * object: records are stored raw first and validated one by one after, so that nothing a
 * device sends is lost to a validation error.
 */
export const pushEnvelope = pushInput.extend({
	records: z.array(z.looseObject({})).min(1).max(MAX_PUSH_RECORDS)
});
export type PushEnvelope = z.output<typeof pushEnvelope>;

/** A push of another protocol version: only its version is read, the rest goes to the digest. */
export interface OtherProtocolPush {
	otherProtocol: true;
	protocol: number;
	envelope: Record<string, unknown>;
}

/**
 * What `sync.push` accepts: an envelope of the current protocol (checked as `pushEnvelope`,
 * whose problems are a 400 naming the field), or any envelope that names another protocol
 * version, which is answered `unsupported_protocol` as data: an older office app must learn that
 * it needs updating, and keep its records, not fail on a validation error.
 */
export const pushRequest = z.looseObject({ protocol: z.number().int() }).transform((value, ctx): PushEnvelope | OtherProtocolPush => {
	if (value.protocol !== SYNC_PROTOCOL_VERSION) return { otherProtocol: true, protocol: value.protocol, envelope: value };
	const parsed = pushEnvelope.safeParse(value);
	if (parsed.success) return parsed.data;
	for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, input: undefined } as never);
	return z.NEVER;
});
export type PushRequest = z.output<typeof pushRequest>;

export type FlagReason = 'clock_offset' | 'future_record' | 'tampered';

type Base = { protocol: typeof SYNC_PROTOCOL_VERSION; serverTime: number };

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
	clockOffsetMs: number | null
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

/** `sync.push` as the router calls it: any protocol version. */
export async function syncPush(app: App, request: PushRequest, log: Logger = rootLog): Promise<PushOutcome> {
	if ('otherProtocol' in request) {
		const known = typeof request.envelope.deviceId === 'string' ? await deviceById(app.database.db, request.envelope.deviceId) : undefined;
		await recordRefusal(app, request.envelope, 'unsupported_protocol', known ? known.id : UNKNOWN_DEVICE_KEY);
		const refused: PushResult = { protocol: SYNC_PROTOCOL_VERSION, serverTime: app.now(), ok: false, reason: 'unsupported_protocol', lastSeq: 0, results: [] };
		const records = request.envelope.records;
		logPush(log, request.envelope.deviceId, Array.isArray(records) ? records.length : 0, refused);
		return { result: refused, acceptedWindows: new Set() };
	}
	const outcome = await pushBatch(app, request);
	logPush(log, request.deviceId, request.records.length, outcome.result);
	return outcome;
}

/**
 * A push's answer to the device, and, for the server, the windows it accepted signatures into
 * (a replayed accepted signature included): the quality-control sample refreshes those
 * (routers/sync.ts) without reading payloads again.
 */
export interface PushOutcome {
	result: PushResult;
	acceptedWindows: ReadonlySet<string>;
}

/** A push of the current protocol version (steps 2–7 above): its answer. */
export async function pushRecords(app: App, input: PushEnvelope): Promise<PushResult> {
	return (await pushBatch(app, input)).result;
}

/** A push of the current protocol version (steps 2–7 above). */
export async function pushBatch(app: App, input: PushEnvelope): Promise<PushOutcome> {
	const db = app.database.db;
	const serverTime = app.now();
	const base: Base = { protocol: SYNC_PROTOCOL_VERSION, serverTime };
	const refuse = async (reason: 'unknown_device' | 'bad_signature' | 'device_revoked', deviceKey: string, lastSeq = 0): Promise<PushOutcome> => {
		await recordRefusal(app, input, reason, deviceKey);
		return { result: { ...base, ok: false, reason, lastSeq, results: [] }, acceptedWindows: new Set() };
	};
	const known = await deviceById(db, input.deviceId);
	if (!known) return refuse('unknown_device', UNKNOWN_DEVICE_KEY);

	// 3. The signature covers every record's hash, in the order sent. It is checked first (one
	// ECDSA verification), so a forged push costs the server no hashing; then each record must
	// carry the hash of its own content, computed here from what arrived: a record changed on
	// the way, its hash left as it was, is no more the device's than a forged signature, and
	// must not get an honest device flagged as tampering.
	const loose = input.records;
	const claimed = loose.map((r) => (typeof r.hash === 'string' ? r.hash : null));
	const signed = claimed.every((h): h is string => h !== null)
		? pushSigningText({ protocol: input.protocol, deviceId: input.deviceId, deviceTime: input.deviceTime, hashes: claimed })
		: null;
	if (signed === null || !(await verifyDeviceSignature(known.public_key, signed, input.signature))) return refuse('bad_signature', known.id);
	const { hashes } = await app.secrets.openIdentities([], loose as unknown as OutboxRecord[]);
	if (hashes.some((h, i) => h === '' || h !== claimed[i])) return refuse('bad_signature', known.id);
	// 4. Signed by the device: it may learn its own state.
	if (known.status !== 'active') return refuse('device_revoked', known.id, Number(known.last_seq));

	const push = new VerifiedPush(app, input, hashes, known, base);
	const outcome = await push.reconcile();
	if (!outcome.ok && outcome.reason === 'device_revoked') await recordRefusal(app, input, 'device_revoked', known.id);
	// Public progress counts changed (committed): the next read counts again.
	if (outcome.ok && outcome.results.some((r) => r.state === 'accepted')) signaturesChanged(app.database.db, 'accepted');
	return { result: outcome, acceptedWindows: outcome.ok ? push.windowsAccepted(outcome) : new Set() };
}

const seqOf = (r: Record<string, unknown>): number | null => (Number.isSafeInteger(r.seq) ? (r.seq as number) : null);

/** Steps 5–7: a push signed by an active device. */
class VerifiedPush {
	private readonly serverTime: number;
	private readonly offset: number;
	/** clock_offset and future_record, applied only when the push brings new records. */
	private readonly clockFlags = new Set<FlagReason>();
	private readonly batchId = uuidv7();
	private rawStored = false;
	/** The batch's records once they parsed, in seq order. */
	private sorted: OutboxRecord[] = [];

	constructor(
		private readonly app: App,
		private readonly input: PushEnvelope,
		/** SHA-256 of each record as received, in envelope order. */
		private readonly hashes: readonly string[],
		private readonly known: DeviceRow,
		private readonly base: Base
	) {
		this.serverTime = base.serverTime;
		this.offset = this.serverTime - input.deviceTime;
		if (Math.abs(this.offset) > CLOCK_TOLERANCE_MS) this.clockFlags.add('clock_offset');
		if (input.records.some((r) => typeof r.at === 'number' && r.at > this.serverTime + CLOCK_TOLERANCE_MS)) this.clockFlags.add('future_record');
	}

	async reconcile(): Promise<PushResult> {
		try {
			return await this.steps();
		} catch (error) {
			// 5. Raw first: if anything failed before the outcome's transaction committed, the
			// device's records are still kept (all that the server did not hold before the push).
			if (!this.rawStored) await insertRawRecords(this.app.database.db, this.rawRows((i) => this.isNew(i, Number(this.known.last_seq))));
			throw error;
		}
	}

	/** The windows of the signature records the answer says are accepted. */
	windowsAccepted(result: PushResult): Set<string> {
		const accepted = new Set(result.results.filter((r) => r.state === 'accepted').map((r) => r.seq));
		const windows = new Set<string>();
		for (const r of this.sorted) if (r.type === 'signature' && accepted.has(r.seq)) windows.add(r.payload.windowId);
		return windows;
	}

	private isNew(i: number, lastSeq: number): boolean {
		const seq = seqOf(this.input.records[i]);
		return seq === null || seq > lastSeq;
	}

	private rawRows(keep: (i: number) => boolean) {
		return this.input.records.flatMap((r, i) =>
			keep(i)
				? [{ id: uuidv7(), device_id: this.known.id, seq: seqOf(r), body: JSON.stringify(r), received_at: this.serverTime, batch_id: this.batchId }]
				: []
		);
	}

	/**
	 * One transaction with the device row locked, which also stores the raw copies of what the
	 * server does not hold yet (a record it holds under the same seq and hash is not stored
	 * again). `work` gets the locked device and the stored results of the batch's old seqs.
	 */
	private async transaction<T>(work: (trx: Kysely<Database>, device: DeviceRow, stored: Map<number, RecordResultRow>) => Promise<T>): Promise<T | null> {
		const out = await this.app.database.db.transaction().execute(async (trx) => {
			const device = await lockDeviceForPush(trx, this.known.id);
			if (!device) return null;
			const lastSeq = Number(device.last_seq);
			const oldSeqs = this.input.records.map(seqOf).filter((s): s is number => s !== null && s >= 1 && s <= lastSeq);
			const stored = new Map<number, RecordResultRow>();
			if (oldSeqs.length) {
				const rows = await resultsBetween(trx, device.id, Math.min(...oldSeqs), Math.max(...oldSeqs));
				for (const row of rows) stored.set(Number(row.seq), row);
			}
			const held = (i: number) => {
				const r = this.input.records[i];
				const seq = seqOf(r);
				return seq !== null && seq <= lastSeq && stored.get(seq)?.hash === this.hashes[i] && r.hash === this.hashes[i];
			};
			if (device.status === 'active') await insertRawRecords(trx, this.rawRows((i) => !held(i)));
			return { value: await work(trx, device, stored) };
		});
		this.rawStored = true;
		return out ? out.value : null;
	}

	/**
	 * The device's sync time, clock offset and flags: the clock ones only when this push brings
	 * records the server did not hold (a replay brings none), `tampered` when asked.
	 */
	private async settle(trx: Kysely<Database>, device: DeviceRow, tampered: boolean): Promise<void> {
		const lastSeq = Number(device.last_seq);
		const fresh = this.input.records.some((_, i) => this.isNew(i, lastSeq));
		const flags = new Set<FlagReason>(fresh ? this.clockFlags : []);
		if (tampered) flags.add('tampered');
		if (fresh) await updateDevice(trx, device.id, { last_sync_at: this.serverTime, clock_offset_ms: this.offset });
		await flagDevice(trx, device, flags, this.serverTime, fresh ? this.offset : device.clock_offset_ms);
	}

	private gone(): PushResult {
		return { ...this.base, ok: false, reason: 'unknown_device', lastSeq: 0, results: [] };
	}

	private async quarantine(claimed: readonly { seq: number; id: string }[]): Promise<PushResult> {
		const out = await this.transaction(async (trx, device) => {
			if (device.status !== 'active') return this.revoked(device);
			await this.settle(trx, device, true);
			return { ...this.base, ok: false as const, reason: 'tampered' as const, lastSeq: Number(device.last_seq), results: quarantined(claimed) };
		});
		return out ?? this.gone();
	}

	private revoked(device: DeviceRow): PushResult {
		return { ...this.base, ok: false, reason: 'device_revoked', lastSeq: Number(device.last_seq), results: [] };
	}

	private async steps(): Promise<PushResult> {
		const loose = this.input.records;
		const known = this.known;
		const claimed = loose
			.filter((r) => seqOf(r) !== null && typeof r.id === 'string')
			.map((r) => ({ seq: r.seq as number, id: r.id as string }));

		// 6. Every record must be a well-formed record of this device.
		const parsed: { record: OutboxRecord; hash: string }[] = [];
		for (let i = 0; i < loose.length; i++) {
			const p = outboxRecord.safeParse(loose[i]);
			if (!p.success || p.data.deviceId !== known.id) return this.quarantine(claimed);
			parsed.push({ record: p.data, hash: this.hashes[i] });
		}
		parsed.sort((a, b) => a.record.seq - b.record.seq);
		const unique: typeof parsed = [];
		for (const p of parsed) {
			const prev = unique[unique.length - 1];
			if (prev && prev.record.seq === p.record.seq) {
				if (prev.record.hash !== p.record.hash) return this.quarantine(claimed);
				continue; // the same record twice in one batch
			}
			unique.push(p);
		}
		const sorted = unique.map((p) => p.record);
		this.sorted = sorted;
		const chain = verifyChainHashes(sorted, sorted[0].prevHash, sorted[0].seq, unique.map((p) => p.hash));
		if (!chain.ok) {
			// A hole inside the batch is a gap (send again from lastSeq); anything else is tampering.
			if (chain.problem !== 'seq') return this.quarantine(sorted);
			const out = await this.transaction(async (trx, device) => {
				if (device.status !== 'active') return this.revoked(device);
				await this.settle(trx, device, false);
				return { ...this.base, ok: false as const, reason: 'gap' as const, lastSeq: Number(device.last_seq), results: [] };
			});
			return out ?? this.gone();
		}

		// Identities are opened only now, for a verified push: one ECDH key agreement per window,
		// before the transaction so the database is locked only for database work, and off the
		// event loop (server/identity-opener.ts). If a concurrent push moved last_seq meanwhile,
		// the records still new are a subset of the ones opened here.
		const toOpen = sorted.filter((r): r is WindowOpenRecord => r.seq > Number(known.last_seq) && r.type === 'window.open');
		const { identities } = await this.app.secrets.openIdentities(toOpen.map((r) => r.payload.identity));
		const opened = new Map<string, OpenedIdentity | null>();
		for (let i = 0; i < toOpen.length; i++) {
			opened.set(toOpen[i].payload.windowId + ':' + toOpen[i].seq, await identityOf(this.app, identities[i]));
		}

		const out = await this.transaction(async (trx, device, stored): Promise<PushResult> => {
			const lastSeq = Number(device.last_seq);
			if (device.status !== 'active') return this.revoked(device);
			const { verdict, old, fresh } = batchVerdict(sorted, { lastSeq, lastHash: device.last_hash }, (seq) => stored.get(seq)?.hash);
			// Already applied: the same record gets the same answer (domain/push-batch.ts).
			const oldResults: RecordResult[] = old.flatMap((r) => {
				const s = stored.get(r.seq);
				return s && s.hash === r.hash ? [storedResult(s)] : [];
			});
			await this.settle(trx, device, verdict === 'tampered');
			if (verdict === 'tampered') {
				const kept = new Set(oldResults.map((r) => r.seq));
				const results = [...oldResults, ...quarantined(sorted.filter((r) => !kept.has(r.seq)))].sort((a, b) => a.seq - b.seq);
				return { ...this.base, ok: false, reason: 'tampered', lastSeq, results };
			}
			if (verdict === 'replay') return { ...this.base, ok: true, lastSeq, results: oldResults };
			if (verdict === 'gap') return { ...this.base, ok: false, reason: 'gap', lastSeq, results: oldResults };

			const freshResults = await applyRecords(this.app, trx, device, fresh, opened, this.serverTime);
			const newLast = fresh[fresh.length - 1];
			await updateDevice(trx, device.id, { last_seq: newLast.seq, last_hash: newLast.hash });
			return { ...this.base, ok: true, lastSeq: newLast.seq, results: [...oldResults, ...freshResults] };
		});
		return out ?? this.gone();
	}
}
