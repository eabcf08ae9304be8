/**
 * An outbox record: one step of the in-person flow, appended on the device at once, online or
 * not, and chained to the record before it (DESIGN §5):
 *
 *   hash = SHA-256( JCS(record without hash) ‖ prevHash )
 *
 * The same schemas validate records in the browser before they are stored and on the server
 * when they arrive.
 */
import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { sha256Hex, utf8 } from './bytes';
import { sealedBox } from './sealed-box';

export const GENESIS_HASH = '0'.repeat(64);

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
const id = z.string().min(1).max(64);

export const WINDOW_CLOSE_REASONS = ['finished', 'timeout', 'reclaimed', 'logout', 'abandoned'] as const;
export type WindowCloseReason = (typeof WINDOW_CLOSE_REASONS)[number];

export const windowOpenPayload = z.object({
	windowId: uuid,
	clerkId: id,
	officeId: id,
	openedAt: epochMs,
	lengthMs: z.number().int().positive().max(60 * 60 * 1000),
	/** The clerk's statement: "I checked the document in person and it matches the person". */
	attested: z.literal(true),
	identity: sealedBox,
	receiptHash: hex64
});

export const signaturePayload = z.object({
	windowId: uuid,
	initiativeId: id,
	signedAt: epochMs
});

export const windowClosePayload = z.object({
	windowId: uuid,
	closedAt: epochMs,
	reason: z.enum(WINDOW_CLOSE_REASONS)
});

export const dayClosePayload = z.object({
	officeId: id,
	clerkId: id,
	day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
	windowsOpened: z.number().int().min(0),
	visitsWithSignatures: z.number().int().min(0),
	abandonedWindows: z.number().int().min(0),
	unsynced: z.number().int().min(0)
});

const base = {
	id: uuid,
	deviceId: id,
	seq: z.number().int().min(1),
	/** Device clock when the record was made. */
	at: epochMs,
	prevHash: hex64
};

export const unsignedRecord = z.discriminatedUnion('type', [
	z.object({ ...base, type: z.literal('window.open'), payload: windowOpenPayload }),
	z.object({ ...base, type: z.literal('signature'), payload: signaturePayload }),
	z.object({ ...base, type: z.literal('window.close'), payload: windowClosePayload }),
	z.object({ ...base, type: z.literal('day.close'), payload: dayClosePayload })
]);

export const outboxRecord = z.discriminatedUnion('type', [
	z.object({ ...base, hash: hex64, type: z.literal('window.open'), payload: windowOpenPayload }),
	z.object({ ...base, hash: hex64, type: z.literal('signature'), payload: signaturePayload }),
	z.object({ ...base, hash: hex64, type: z.literal('window.close'), payload: windowClosePayload }),
	z.object({ ...base, hash: hex64, type: z.literal('day.close'), payload: dayClosePayload })
]);

export type UnsignedRecord = z.infer<typeof unsignedRecord>;
export type OutboxRecord = z.infer<typeof outboxRecord>;
export type RecordType = OutboxRecord['type'];
export type WindowOpenPayload = z.infer<typeof windowOpenPayload>;
export type SignaturePayload = z.infer<typeof signaturePayload>;
export type WindowClosePayload = z.infer<typeof windowClosePayload>;
export type DayClosePayload = z.infer<typeof dayClosePayload>;

function withoutHash(record: UnsignedRecord | OutboxRecord): UnsignedRecord {
	const { hash: _hash, ...rest } = record as OutboxRecord;
	return rest as UnsignedRecord;
}

/** The exact bytes that are hashed, as text. */
export function hashInput(record: UnsignedRecord | OutboxRecord): string {
	return canonicalJson(withoutHash(record)) + record.prevHash;
}

export function hashRecord(record: UnsignedRecord | OutboxRecord): Promise<string> {
	return sha256Hex(utf8(hashInput(record)));
}

export async function sealRecord(record: UnsignedRecord): Promise<OutboxRecord> {
	return { ...record, hash: await hashRecord(record) } as OutboxRecord;
}

export type ChainProblem = 'seq' | 'prev_hash' | 'hash';
export type ChainCheck = { ok: true } | { ok: false; seq: number; problem: ChainProblem };

/** SHA-256 of the UTF-8 bytes of a text, as lower-case hex, computed synchronously. */
export type Sha256HexSync = (text: string) => string;

/** The first link problem, or null: seq continuity and prevHash links, no hashing. */
function linkProblem(r: OutboxRecord, expectedSeq: number, expectedPrev: string): ChainCheck | null {
	if (r.seq !== expectedSeq) return { ok: false, seq: r.seq, problem: 'seq' };
	if (r.prevHash !== expectedPrev) return { ok: false, seq: r.seq, problem: 'prev_hash' };
	return null;
}

/**
 * Checks that records are consecutive, each links to the one before, and each hash matches its
 * content. `prevHash` is the hash the first record must link to.
 */
export async function verifyChain(
	records: readonly OutboxRecord[],
	prevHash: string,
	firstSeq: number
): Promise<ChainCheck> {
	let expectedPrev = prevHash;
	let expectedSeq = firstSeq;
	for (const r of records) {
		const problem = linkProblem(r, expectedSeq, expectedPrev);
		if (problem) return problem;
		if ((await hashRecord(r)) !== r.hash) return { ok: false, seq: r.seq, problem: 'hash' };
		expectedPrev = r.hash;
		expectedSeq++;
	}
	return { ok: true };
}

/**
 * `verifyChain` with each record's hash already computed by the caller (`hashes[i]` is
 * SHA-256 of `hashInput(records[i])`, hex): the same checks in the same order with the same
 * answers. The server computes the hashes off its event loop, in bulk.
 */
export function verifyChainHashes(
	records: readonly OutboxRecord[],
	prevHash: string,
	firstSeq: number,
	hashes: readonly string[]
): ChainCheck {
	let expectedPrev = prevHash;
	let expectedSeq = firstSeq;
	for (let i = 0; i < records.length; i++) {
		const r = records[i];
		const problem = linkProblem(r, expectedSeq, expectedPrev);
		if (problem) return problem;
		if (hashes[i] !== r.hash) return { ok: false, seq: r.seq, problem: 'hash' };
		expectedPrev = r.hash;
		expectedSeq++;
	}
	return { ok: true };
}

/**
 * `verifyChain` with a synchronous SHA-256 supplied by the caller (the server passes
 * node:crypto's): the same checks in the same order with the same answers, without one
 * asynchronous WebCrypto call per record. The domain stays free of Node imports.
 */
export function verifyChainSync(
	records: readonly OutboxRecord[],
	prevHash: string,
	firstSeq: number,
	sha256Hex: Sha256HexSync
): ChainCheck {
	return verifyChainHashes(
		records,
		prevHash,
		firstSeq,
		records.map((r) => sha256Hex(hashInput(r)))
	);
}
