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
import type { Insertable, Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { rigaDateOf } from '../../src/lib/domain/dates';
import { checkEligibility, type SignerFacts } from '../../src/lib/domain/eligibility';
import { identitySchema } from '../../src/lib/domain/identity';
import { outboxRecord, verifyChainHashes, type OutboxRecord } from '../../src/lib/domain/outbox-record';
import { birthDateMatches, parsePersonalCode } from '../../src/lib/domain/personal-code';
import { isWithinWindow } from '../../src/lib/domain/signing-window';
import {
	MAX_PUSH_RECORDS,
	PROTOCOL_VERSION,
	pushInput,
	type PushResult,
	type Reason,
	type RecordResult
} from '../../src/lib/domain/sync-protocol';
import type { App } from '../app';
import { verifyDeviceSignature } from '../node-crypto';
import { appendAuditBy, SYSTEM_ACTOR } from './audit';
import { catalogProgressChanged } from './catalog-cache';
import type {
	Database,
	DayCloseTable,
	QcContactTable,
	RecordResultTable,
	SignatureTable,
	SigningWindowTable
} from '../db/schema';
import { deviceById, touchDeviceForPush, updateDevice, type DeviceRow } from '../repositories/devices';
import { insertDayCloses } from '../repositories/day-closes';
import { initiativesByIds } from '../repositories/initiatives';
import { insertQcContacts } from '../repositories/qc-contacts';
import { insertRawRecords } from '../repositories/raw-records';
import { insertRecordResults, resultsBetween, type RecordResultRow } from '../repositories/record-results';
import { insertAcceptedUnlessDuplicate, insertSignatures } from '../repositories/signatures';
import { closeWindow, existingWindowIds, insertWindows, windowsOfDevice } from '../repositories/signing-windows';
import { assignmentsAtOffice } from '../repositories/staff-assignments';
import { staffByIds } from '../repositories/staff';

/** A device clock further off than this, or a record this far in the future, flags the device. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

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

type Outcome = { state: 'accepted' | 'duplicate' | 'rejected'; reason: Reason };

interface OpenedIdentity {
	personKey: string;
	facts: SignerFacts;
	qc: { phoneBox: string; phoneKey: string } | null;
}

interface WindowView {
	id: string;
	openedAt: number;
	lengthMs: number;
	closedAt: number | null;
	state: 'accepted' | 'rejected';
	reason: Reason;
	personKey: string | null;
	facts: SignerFacts | null;
	officeId: string;
	/** Set when the window was opened in this batch: the row still to be inserted. */
	row?: Insertable<SigningWindowTable>;
}

const rejected = (reason: Reason): Outcome => ({ state: 'rejected', reason });
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Riga's offset from UTC has been whole hours since 1926, so its calendar day changes only on
// a UTC hour boundary: the day of every instant in one UTC hour is the same. Signatures of a
// batch fall in a few hours, so this skips almost every Intl formatting call.
const rigaDays = new Map<number, string>();
const WHOLE_HOUR_OFFSETS_SINCE = Date.UTC(1927, 0, 1);
function rigaDay(ms: number): string {
	if (ms < WHOLE_HOUR_OFFSETS_SINCE) return rigaDateOf(ms);
	const hour = Math.floor(ms / 3_600_000);
	let day = rigaDays.get(hour);
	if (day === undefined) {
		day = rigaDateOf(hour * 3_600_000);
		if (rigaDays.size > 10_000) rigaDays.clear();
		rigaDays.set(hour, day);
	}
	return day;
}
const ACCEPTED: Outcome = { state: 'accepted', reason: 'accepted' };

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

type WindowOpenRecord = Extract<OutboxRecord, { type: 'window.open' }>;

/** Derives what the server keeps from one opened identity; null when it cannot be used. */
async function identityOf(app: App, opened: { ok: true; value: unknown } | { ok: false }): Promise<OpenedIdentity | null> {
	if (!opened.ok) return null;
	const parsed = identitySchema.safeParse(opened.value);
	if (!parsed.success) return null;
	const identity = parsed.data;
	// The personal code rule of DESIGN §4 holds on the server too: a code that fails its check
	// digit, or a birth date that contradicts it, is no usable identity.
	const code = parsePersonalCode(identity.personalCode);
	if (!code.ok || !birthDateMatches(code, identity.birthDate)) return null;
	let qc: OpenedIdentity['qc'] = null;
	if (identity.qcConsent && identity.qcPhone) {
		qc = {
			phoneBox: JSON.stringify(await app.secrets.sealToServer(identity.qcPhone)),
			phoneKey: app.secrets.phoneKey(identity.qcPhone)
		};
	}
	return {
		personKey: app.secrets.personKey(code.normalized),
		facts: {
			citizenship: identity.citizenship,
			birthDate: identity.birthDate,
			declaredMunicipality: identity.declaredMunicipality,
			propertyMunicipalities: identity.propertyMunicipalities
		},
		qc
	};
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
	// Public progress counts changed: this process's catalog answers count again.
	if (outcome?.ok && outcome.results.some((r) => r.state === 'accepted')) catalogProgressChanged(app);
	return outcome!;
}

/** Applies new records in seq order (DESIGN §4); the caller's transaction makes it all-or-nothing. */
async function applyRecords(
	app: App,
	trx: Kysely<Database>,
	device: DeviceRow,
	records: readonly OutboxRecord[],
	opened: ReadonlyMap<string, OpenedIdentity | null>,
	now: number
): Promise<RecordResult[]> {
	const { windowMinutes, graceDays, qcPeriodDays } = app.config;
	const maxLengthMs = windowMinutes * 60_000;
	const signingDevice = device.kind === 'kac';

	// Everything the rules need, one query per table.
	const openedHere = new Set<string>();
	const referenced = new Set<string>();
	const clerkIds = new Set<string>();
	const initiativeIds = new Set<string>();
	for (const r of records) {
		if (r.type === 'window.open') {
			openedHere.add(r.payload.windowId);
			clerkIds.add(r.payload.clerkId);
		} else if (r.type === 'signature') {
			referenced.add(r.payload.windowId);
			initiativeIds.add(r.payload.initiativeId);
		} else if (r.type === 'window.close') {
			referenced.add(r.payload.windowId);
		}
	}
	const [earlierWindows, takenIds, initiatives, clerks, assignments] = await Promise.all([
		windowsOfDevice(trx, device.id, [...referenced].filter((id) => !openedHere.has(id))),
		existingWindowIds(trx, [...openedHere]),
		initiativesByIds(trx, [...initiativeIds]),
		staffByIds(trx, [...clerkIds]),
		assignmentsAtOffice(trx, [...clerkIds], device.office_id)
	]);
	const windows = new Map<string, WindowView>();
	for (const w of earlierWindows) {
		windows.set(w.id, {
			id: w.id,
			openedAt: Number(w.opened_at),
			lengthMs: Number(w.length_ms),
			closedAt: w.closed_at === null ? null : Number(w.closed_at),
			state: w.state,
			reason: w.reason as Reason,
			personKey: w.person_key,
			officeId: w.office_id,
			facts:
				w.state === 'accepted' && w.citizenship && w.birth_date
					? {
							citizenship: w.citizenship,
							birthDate: w.birth_date,
							declaredMunicipality: w.declared_municipality,
							propertyMunicipalities: JSON.parse(w.property_municipalities ?? '[]') as string[]
						}
					: null
		});
	}
	const initiativeById = new Map(initiatives.map((i) => [i.id, i]));
	const clerkById = new Map(clerks.map((c) => [c.id, c]));
	const clerkWasActive = (clerkId: string, at: number) => {
		const clerk = clerkById.get(clerkId);
		if (!clerk || clerk.role !== 'clerk') return false;
		if (clerk.deactivated_at !== null && at >= Number(clerk.deactivated_at)) return false;
		return assignments.some(
			(a) =>
				a.staff_id === clerkId &&
				Number(a.active_from) <= at &&
				(a.active_until === null || at < Number(a.active_until))
		);
	};

	const outcomes = new Map<number, Outcome>();
	const signatureCandidates: Insertable<SignatureTable>[] = [];
	const otherSignatures: Insertable<SignatureTable>[] = [];
	const candidateSeq = new Map<string, number>();
	const closes: { id: string; closedAt: number; reason: string }[] = [];
	const qcRows: Insertable<QcContactTable>[] = [];
	const dayCloses: Insertable<DayCloseTable>[] = [];

	for (const r of records) {
		switch (r.type) {
			case 'window.open': {
				const p = r.payload;
				const identity = opened.get(p.windowId + ':' + r.seq) ?? null;
				let outcome: Outcome = ACCEPTED;
				if (!signingDevice) outcome = rejected('not_signing_device');
				else if (p.officeId !== device.office_id) outcome = rejected('wrong_office');
				else if (!clerkWasActive(p.clerkId, p.openedAt)) outcome = rejected('clerk_inactive');
				else if (p.lengthMs > maxLengthMs) outcome = rejected('window_too_long');
				else if (!identity) outcome = rejected('identity_unreadable');
				outcomes.set(r.seq, outcome);
				// A window id is made once on a device; one seen before is a replayed record.
				if (takenIds.has(p.windowId) || windows.has(p.windowId)) {
					outcomes.set(r.seq, rejected('tampered'));
					break;
				}
				const ok = outcome.state === 'accepted' && identity !== null;
				const row: Insertable<SigningWindowTable> = {
					id: p.windowId,
					device_id: device.id,
					office_id: p.officeId,
					clerk_id: p.clerkId,
					opened_at: p.openedAt,
					length_ms: p.lengthMs,
					closed_at: null,
					close_reason: null,
					identity_box: JSON.stringify(p.identity),
					person_key: ok ? identity.personKey : null,
					citizenship: ok ? identity.facts.citizenship : null,
					declared_municipality: ok ? identity.facts.declaredMunicipality : null,
					property_municipalities: ok ? JSON.stringify(identity.facts.propertyMunicipalities ?? []) : null,
					birth_date: ok ? identity.facts.birthDate : null,
					receipt_hash: p.receiptHash,
					state: outcome.state === 'accepted' ? 'accepted' : 'rejected',
					reason: outcome.reason,
					received_at: now,
					seq: r.seq
				};
				windows.set(p.windowId, {
					id: p.windowId,
					openedAt: p.openedAt,
					lengthMs: p.lengthMs,
					closedAt: null,
					state: row.state as 'accepted' | 'rejected',
					reason: outcome.reason,
					personKey: row.person_key ?? null,
					facts: ok ? identity.facts : null,
					officeId: p.officeId,
					row
				});
				if (ok && identity.qc) {
					qcRows.push({
						id: uuidv7(),
						window_id: p.windowId,
						phone_box: identity.qc.phoneBox,
						phone_key: identity.qc.phoneKey,
						consented_at: p.openedAt,
						delete_after: p.openedAt + qcPeriodDays * DAY_MS
					});
				}
				break;
			}
			case 'signature': {
				const p = r.payload;
				const w = windows.get(p.windowId);
				const initiative = initiativeById.get(p.initiativeId);
				let outcome: Outcome | null = null;
				if (!signingDevice) outcome = rejected('not_signing_device');
				else if (!w) outcome = rejected('unknown_window');
				else if (w.state !== 'accepted' || !w.personKey || !w.facts) outcome = rejected(w.reason);
				// Closing ends a window for good; and the citizen signs only inside its time.
				else if (w.closedAt !== null || !isWithinWindow(p.signedAt, w.openedAt, w.lengthMs)) outcome = rejected('window_expired');
				else if (!initiative) outcome = rejected('unknown_initiative');
				else if (
					initiative.status === 'draft' ||
					p.signedAt < Number(initiative.opens_at) ||
					p.signedAt >= Number(initiative.closes_at)
				) {
					outcome = rejected('initiative_closed');
				} else if (now > Number(initiative.closes_at) + graceDays * DAY_MS) outcome = rejected('late');
				else if (
					!checkEligibility(
						{ eligibility: initiative.eligibility, municipality: initiative.municipality },
						w.facts,
						rigaDay(p.signedAt)
					).eligible
				) {
					outcome = rejected('not_eligible');
				}
				const row: Insertable<SignatureTable> = {
					id: uuidv7(),
					window_id: p.windowId,
					initiative_id: p.initiativeId,
					person_key: w?.personKey ?? null,
					channel: 'in_person',
					office_id: w?.officeId ?? device.office_id,
					device_id: device.id,
					seq: r.seq,
					signed_at: p.signedAt,
					received_at: now,
					state: outcome ? 'rejected' : 'accepted',
					reason: outcome ? outcome.reason : 'accepted'
				};
				if (outcome) {
					outcomes.set(r.seq, outcome);
					otherSignatures.push(row);
				} else {
					signatureCandidates.push(row);
					candidateSeq.set(row.id as string, r.seq);
				}
				break;
			}
			case 'window.close': {
				const p = r.payload;
				const w = windows.get(p.windowId);
				if (!signingDevice) outcomes.set(r.seq, rejected('not_signing_device'));
				else if (!w) outcomes.set(r.seq, rejected('unknown_window'));
				else {
					if (w.closedAt === null) {
						w.closedAt = p.closedAt;
						if (w.row) {
							w.row.closed_at = p.closedAt;
							w.row.close_reason = p.reason;
						} else {
							closes.push({ id: w.id, closedAt: p.closedAt, reason: p.reason });
						}
					}
					outcomes.set(r.seq, ACCEPTED);
				}
				break;
			}
			case 'day.close': {
				const p = r.payload;
				if (!signingDevice) outcomes.set(r.seq, rejected('not_signing_device'));
				else if (p.officeId !== device.office_id) outcomes.set(r.seq, rejected('wrong_office'));
				else {
					outcomes.set(r.seq, ACCEPTED);
					dayCloses.push({
						device_id: device.id,
						seq: r.seq,
						office_id: p.officeId,
						clerk_id: p.clerkId,
						day: p.day,
						windows_opened: p.windowsOpened,
						visits_with_signatures: p.visitsWithSignatures,
						abandoned_windows: p.abandonedWindows,
						unsynced: p.unsynced,
						closed_at: r.at,
						received_at: now
					});
				}
				break;
			}
		}
	}

	// Writes, batched. Windows first: QC contacts refer to them.
	await insertWindows(
		trx,
		[...windows.values()].flatMap((w) => (w.row ? [w.row] : []))
	);
	for (const c of closes) await closeWindow(trx, c.id, c.closedAt, c.reason);
	// Deduplication is the database's: the first accepted signature per person and initiative
	// wins, in this batch as across devices and instances; the rest are duplicates.
	// Inserted in one global order (initiative, person, then seq, so the first in the batch still
	// wins): two pushes racing for the same people then wait for each other in the same order,
	// never in a cycle. In batch order, two instances deadlocked on PostgreSQL's unique index
	// (tests/server/scale-out.spec.ts).
	signatureCandidates.sort(
		(a, b) =>
			cmp(a.initiative_id, b.initiative_id) || cmp(a.person_key ?? '', b.person_key ?? '') || Number(a.seq) - Number(b.seq)
	);
	const inserted = await insertAcceptedUnlessDuplicate(trx, signatureCandidates);
	for (const row of signatureCandidates) {
		const seq = candidateSeq.get(row.id as string)!;
		if (inserted.has(row.id as string)) outcomes.set(seq, ACCEPTED);
		else {
			outcomes.set(seq, { state: 'duplicate', reason: 'duplicate' });
			otherSignatures.push({ ...row, state: 'duplicate', reason: 'duplicate' });
		}
	}
	await insertSignatures(trx, otherSignatures);
	await insertQcContacts(trx, qcRows);
	await insertDayCloses(trx, dayCloses);

	const results: RecordResult[] = records.map((r) => {
		const o = outcomes.get(r.seq)!;
		return { seq: r.seq, id: r.id, state: o.state, reason: o.reason };
	});
	const resultRows: Insertable<RecordResultTable>[] = records.map((r, i) => ({
		device_id: device.id,
		seq: r.seq,
		record_id: r.id,
		hash: r.hash,
		type: r.type,
		state: results[i].state as RecordResultTable['state'],
		reason: results[i].reason,
		processed_at: now
	}));
	await insertRecordResults(trx, resultRows);
	return results;
}
