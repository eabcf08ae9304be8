/**
 * An outbox record: one step of the in-person flow, appended on the device at once, online or
 * not, and chained to the record before it (DESIGN §5):
 *
 *   hash = SHA-256( JCS(record without hash) ‖ prevHash )
 *
 * Browser code imports this module (no zod). The server checks the records it receives with the
 * schemas in outbox-record.ts, which re-exports everything here.
 */
import { canonicalJson } from './canonical-json';
import { sha256Hex, utf8 } from './bytes';
import type { SealedBox } from './sealed-box';

export const GENESIS_HASH = '0'.repeat(64);

export const WINDOW_CLOSE_REASONS = ['finished', 'timeout', 'reclaimed', 'logout', 'abandoned'] as const;
export type WindowCloseReason = (typeof WINDOW_CLOSE_REASONS)[number];

/*
 * The record shapes. The server checks every record it receives against the schemas in
 * outbox-record.ts (ids are UUIDs, hashes 64 hex digits, instants whole milliseconds); those
 * schemas and these types are checked to describe the same records.
 */

export type WindowOpenPayload = {
	windowId: string;
	clerkId: string;
	officeId: string;
	openedAt: number;
	lengthMs: number;
	/** The clerk's statement: "I checked the document in person and it matches the person". */
	attested: true;
	identity: SealedBox;
	receiptHash: string;
};

export type SignaturePayload = {
	windowId: string;
	initiativeId: string;
	signedAt: number;
};

export type WindowClosePayload = {
	windowId: string;
	closedAt: number;
	reason: WindowCloseReason;
};

export type DayClosePayload = {
	officeId: string;
	clerkId: string;
	/** 'YYYY-MM-DD' in Riga. */
	day: string;
	windowsOpened: number;
	visitsWithSignatures: number;
	abandonedWindows: number;
	unsynced: number;
};

type RecordBase = {
	id: string;
	deviceId: string;
	seq: number;
	/** Device clock when the record was made. */
	at: number;
	prevHash: string;
};

export type UnsignedRecord =
	| (RecordBase & { type: 'window.open'; payload: WindowOpenPayload })
	| (RecordBase & { type: 'signature'; payload: SignaturePayload })
	| (RecordBase & { type: 'window.close'; payload: WindowClosePayload })
	| (RecordBase & { type: 'day.close'; payload: DayClosePayload });

export type OutboxRecord = UnsignedRecord & { hash: string };
export type RecordType = OutboxRecord['type'];

/** The exact bytes that are hashed, as text. */
export function hashInput(record: UnsignedRecord | OutboxRecord): string {
	return hashInputWith(canonicalJson, record);
}

/**
 * `hashInput` with the canonical JSON function passed in. Self-contained on purpose (it uses
 * only its arguments): server/identity-opener.ts runs its source text on a worker thread, so
 * the chain hash is written once for the browser, the server and the worker.
 */
export function hashInputWith(canonical: (value: unknown) => string | undefined, record: UnsignedRecord | OutboxRecord): string {
	const { hash: _hash, ...rest } = record as OutboxRecord;
	const text = canonical(rest);
	if (text === undefined) throw new Error('value cannot be represented as canonical JSON');
	return text + record.prevHash;
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
