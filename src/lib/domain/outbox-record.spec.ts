import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import {
	GENESIS_HASH,
	hashInput,
	hashRecord,
	outboxRecord,
	sealRecord,
	unsignedRecord,
	verifyChain,
	verifyChainSync,
	type OutboxRecord,
	type UnsignedRecord
} from './outbox-record';

const DEVICE = 'device-7';
const WINDOW = '019b7a4e-5c00-7000-8000-000000000001';
const AT = 1_767_261_600_000; // 2026-01-01T10:00:00Z

function sha256(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

function recordId(seq: number): string {
	return `019b7a4e-5c00-7000-8000-${String(seq).padStart(12, '0')}`;
}

/** The first record of a device, written out by hand. */
const genesis: UnsignedRecord = {
	id: '019b7a4e-5c00-7000-8000-0000000000a1',
	deviceId: DEVICE,
	seq: 1,
	at: AT,
	prevHash: GENESIS_HASH,
	type: 'signature',
	payload: { windowId: WINDOW, initiativeId: 'rīgas-ūdens', signedAt: AT + 60_000 }
};

/**
 * JCS of `genesis`: keys sorted, no whitespace, non-ASCII kept as is. Written out literally so any
 * change to what is hashed, or how, breaks the test.
 */
const GENESIS_JCS =
	'{"at":1767261600000,"deviceId":"device-7","id":"019b7a4e-5c00-7000-8000-0000000000a1",' +
	'"payload":{"initiativeId":"rīgas-ūdens","signedAt":1767261660000,"windowId":"019b7a4e-5c00-7000-8000-000000000001"},' +
	'"prevHash":"0000000000000000000000000000000000000000000000000000000000000000","seq":1,"type":"signature"}';

/** Seals `count` signature records linked from `prevHash`, numbered from `firstSeq`. */
async function chain(count: number, prevHash = GENESIS_HASH, firstSeq = 1): Promise<OutboxRecord[]> {
	const out: OutboxRecord[] = [];
	let prev = prevHash;
	for (let i = 0; i < count; i++) {
		const seq = firstSeq + i;
		const record = await sealRecord({
			id: recordId(seq),
			deviceId: DEVICE,
			seq,
			at: AT + seq * 1000,
			prevHash: prev,
			type: 'signature',
			payload: { windowId: WINDOW, initiativeId: `initiative-${seq}`, signedAt: AT + seq * 1000 }
		});
		out.push(record);
		prev = record.hash;
	}
	return out;
}

const sealedIdentity = {
	alg: 'ECDH-ES+HKDF-SHA256+A256GCM',
	kid: 'server-2026-01',
	epk: { kty: 'EC', crv: 'P-256', x: 'eA', y: 'eQ' },
	iv: 'AAAAAAAAAAAAAAAA',
	ct: 'Y2lwaGVydGV4dA'
} as const;

const windowOpen: UnsignedRecord = {
	id: recordId(1),
	deviceId: DEVICE,
	seq: 1,
	at: AT,
	prevHash: GENESIS_HASH,
	type: 'window.open',
	payload: {
		windowId: WINDOW,
		clerkId: 'clerk-1',
		officeId: 'office-riga-1',
		openedAt: AT,
		lengthMs: 15 * 60 * 1000,
		attested: true,
		identity: sealedIdentity,
		receiptHash: 'ab'.repeat(32)
	}
};

describe('hashInput and hashRecord', () => {
	it('hashes the canonical JSON of the record followed by prevHash', () => {
		expect(hashInput(genesis)).toBe(GENESIS_JCS + GENESIS_HASH);
	});

	it('pins the genesis hash to an independent SHA-256 of those UTF-8 bytes', async () => {
		const expected = sha256(GENESIS_JCS + GENESIS_HASH);
		expect(await hashRecord(genesis)).toBe(expected);
		const sealed = await sealRecord(genesis);
		expect(sealed).toEqual({ ...genesis, hash: expected });
	});

	it('pins a linked record too: prevHash appears in the JSON and again at the end', async () => {
		const prevHash = sha256(GENESIS_JCS + GENESIS_HASH);
		const second: UnsignedRecord = {
			id: recordId(2),
			deviceId: DEVICE,
			seq: 2,
			at: AT + 120_000,
			prevHash,
			type: 'window.close',
			payload: { windowId: WINDOW, closedAt: AT + 120_000, reason: 'finished' }
		};
		const jcs =
			'{"at":1767261720000,"deviceId":"device-7","id":"019b7a4e-5c00-7000-8000-000000000002",' +
			'"payload":{"closedAt":1767261720000,"reason":"finished","windowId":"019b7a4e-5c00-7000-8000-000000000001"},' +
			`"prevHash":"${prevHash}","seq":2,"type":"window.close"}`;
		expect(hashInput(second)).toBe(jcs + prevHash);
		expect(await hashRecord(second)).toBe(sha256(jcs + prevHash));
	});

	it('leaves the hash field out of what it hashes', async () => {
		const sealed = await sealRecord(genesis);
		expect(hashInput(sealed)).toBe(GENESIS_JCS + GENESIS_HASH);
		expect(await hashRecord({ ...sealed, hash: 'f'.repeat(64) })).toBe(sealed.hash);
	});

	it('hashes the same record built with keys in another order identically', async () => {
		const reordered = {
			type: 'signature',
			payload: { signedAt: AT + 60_000, initiativeId: 'rīgas-ūdens', windowId: WINDOW },
			prevHash: GENESIS_HASH,
			seq: 1,
			at: AT,
			id: '019b7a4e-5c00-7000-8000-0000000000a1',
			deviceId: DEVICE
		} as UnsignedRecord;
		expect(Object.keys(reordered)).not.toEqual(Object.keys(genesis));
		expect(hashInput(reordered)).toBe(GENESIS_JCS + GENESIS_HASH);
		expect(await hashRecord(reordered)).toBe(await hashRecord(genesis));
	});

	it('survives a JSON round trip and schema parsing unchanged', async () => {
		const sealed = await sealRecord(genesis);
		const received = outboxRecord.parse(JSON.parse(JSON.stringify(sealed)));
		expect(await hashRecord(received)).toBe(sealed.hash);
	});

	it('changes with any byte of the record', async () => {
		const base = await hashRecord(genesis);
		const variants: UnsignedRecord[] = [
			{ ...genesis, seq: 2 },
			{ ...genesis, at: AT + 1 },
			{ ...genesis, deviceId: 'device-8' },
			{ ...genesis, prevHash: '1' + GENESIS_HASH.slice(1) },
			{ ...genesis, payload: { ...genesis.payload, initiativeId: 'rigas-ūdens' } } as UnsignedRecord
		];
		for (const v of variants) expect(await hashRecord(v)).not.toBe(base);
	});
});

describe('verifyChain', () => {
	it('accepts a valid 3-record chain from genesis', async () => {
		const records = await chain(3);
		expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
		expect(records[1].prevHash).toBe(records[0].hash);
		expect(await verifyChain(records, GENESIS_HASH, 1)).toEqual({ ok: true });
	});

	it('accepts a valid 3-record chain continuing from a given prevHash and seq', async () => {
		const earlier = await chain(4);
		const batch = await chain(3, earlier[3].hash, 5);
		expect(await verifyChain(batch, earlier[3].hash, 5)).toEqual({ ok: true });
		expect(await verifyChain([...earlier, ...batch], GENESIS_HASH, 1)).toEqual({ ok: true });
	});

	it('accepts an empty batch', async () => {
		expect(await verifyChain([], GENESIS_HASH, 1)).toEqual({ ok: true });
	});

	it('detects a batch that does not start at the expected seq', async () => {
		const batch = await chain(3, GENESIS_HASH, 5);
		expect(await verifyChain(batch, GENESIS_HASH, 4)).toEqual({ ok: false, seq: 5, problem: 'seq' });
	});

	it('detects a gap in seq', async () => {
		const [a, , c] = await chain(3);
		expect(await verifyChain([a, c], GENESIS_HASH, 1)).toEqual({ ok: false, seq: 3, problem: 'seq' });
	});

	it('detects a repeated seq', async () => {
		const [a, b] = await chain(2);
		expect(await verifyChain([a, b, b], GENESIS_HASH, 1)).toEqual({ ok: false, seq: 2, problem: 'seq' });
	});

	it('detects records reordered', async () => {
		const [a, b, c] = await chain(3);
		expect(await verifyChain([a, c, b], GENESIS_HASH, 1)).toEqual({ ok: false, seq: 3, problem: 'seq' });
		expect(await verifyChain([b, a, c], GENESIS_HASH, 1)).toEqual({ ok: false, seq: 2, problem: 'seq' });
	});

	it('detects the payloads of two records swapped under their seq and hash', async () => {
		const [a, b, c] = await chain(3);
		const swapped = [a, { ...b, payload: c.payload }, { ...c, payload: b.payload }] as OutboxRecord[];
		expect(await verifyChain(swapped, GENESIS_HASH, 1)).toEqual({ ok: false, seq: 2, problem: 'hash' });
	});

	it('detects a first record that does not link to the given prevHash', async () => {
		const records = await chain(3);
		expect(await verifyChain(records, 'a'.repeat(64), 1)).toEqual({ ok: false, seq: 1, problem: 'prev_hash' });
	});

	it('detects a wrong prevHash even when the record was re-sealed over it', async () => {
		const [a, b, c] = await chain(3);
		const { hash: _hash, ...unsigned } = b;
		const forged = await sealRecord({ ...unsigned, prevHash: 'b'.repeat(64) } as UnsignedRecord);
		expect(await verifyChain([a, forged, c], GENESIS_HASH, 1)).toEqual({
			ok: false,
			seq: 2,
			problem: 'prev_hash'
		});
	});

	it('detects a changed payload byte', async () => {
		const [a, b, c] = await chain(3);
		const changed = { ...b, payload: { ...b.payload, initiativeId: 'initiative-9' } } as OutboxRecord;
		expect(await verifyChain([a, changed, c], GENESIS_HASH, 1)).toEqual({ ok: false, seq: 2, problem: 'hash' });
	});

	it('detects a changed timestamp', async () => {
		const [a, b, c] = await chain(3);
		expect(await verifyChain([a, b, { ...c, at: c.at + 1 }], GENESIS_HASH, 1)).toEqual({
			ok: false,
			seq: 3,
			problem: 'hash'
		});
	});

	it('detects a changed record re-sealed in place: the next record no longer links to it', async () => {
		const [a, b, c] = await chain(3);
		const { hash: _hash, ...unsigned } = b;
		const resealed = await sealRecord({
			...unsigned,
			payload: { ...b.payload, initiativeId: 'initiative-9' }
		} as UnsignedRecord);
		expect(await verifyChain([a, resealed, c], GENESIS_HASH, 1)).toEqual({
			ok: false,
			seq: 3,
			problem: 'prev_hash'
		});
	});
});

describe('verifyChainSync (the server\'s path, node:crypto SHA-256 injected)', () => {
	it('gives the very answer verifyChain gives, for valid chains and for every kind of break', async () => {
		const [a, b, c] = await chain(3);
		const { hash: _hash, ...unsigned } = b;
		const forged = await sealRecord({ ...unsigned, prevHash: 'b'.repeat(64) } as UnsignedRecord);
		const cases: [OutboxRecord[], string, number][] = [
			[[a, b, c], GENESIS_HASH, 1],
			[[], GENESIS_HASH, 1],
			[[b, c], a.hash, 2],
			[[a, c], GENESIS_HASH, 1],
			[[a, b, b], GENESIS_HASH, 1],
			[[b, a, c], GENESIS_HASH, 1],
			[[a, b, c], 'a'.repeat(64), 1],
			[[a, forged, c], GENESIS_HASH, 1],
			[[a, { ...b, payload: c.payload } as OutboxRecord, c], GENESIS_HASH, 1],
			[[a, b, { ...c, at: c.at + 1 }], GENESIS_HASH, 1],
			[[a, b, c], GENESIS_HASH, 2]
		];
		for (const [records, prev, first] of cases) {
			expect(verifyChainSync(records, prev, first, sha256)).toEqual(await verifyChain(records, prev, first));
		}
		// Non-ASCII content hashes to the same bytes on both paths.
		const sealed = await sealRecord(genesis);
		expect(verifyChainSync([sealed], GENESIS_HASH, 1, sha256)).toEqual({ ok: true });
	});
});

describe('record schemas', () => {
	it('accept every record type, sealed and unsealed', async () => {
		const records: UnsignedRecord[] = [
			windowOpen,
			{ ...genesis, seq: 2 },
			{
				...genesis,
				seq: 3,
				type: 'window.close',
				payload: { windowId: WINDOW, closedAt: AT + 900_000, reason: 'timeout' }
			},
			{
				...genesis,
				seq: 4,
				type: 'day.close',
				payload: {
					officeId: 'office-riga-1',
					clerkId: 'clerk-1',
					day: '2026-01-01',
					windowsOpened: 3,
					visitsWithSignatures: 2,
					abandonedWindows: 1,
					unsynced: 0
				}
			}
		];
		for (const r of records) {
			expect(unsignedRecord.safeParse(r).success, r.type).toBe(true);
			expect(outboxRecord.safeParse(await sealRecord(r)).success, r.type).toBe(true);
			expect(outboxRecord.safeParse(r).success, `${r.type} without hash`).toBe(false);
		}
	});

	it('reject an unknown type or a payload of another type', () => {
		expect(unsignedRecord.safeParse({ ...genesis, type: 'window.reopen' }).success).toBe(false);
		expect(unsignedRecord.safeParse({ ...genesis, type: 'window.close' }).success).toBe(false);
	});

	it('reject a seq below 1 or not a whole number', () => {
		expect(unsignedRecord.safeParse({ ...genesis, seq: 0 }).success).toBe(false);
		expect(unsignedRecord.safeParse({ ...genesis, seq: 1.5 }).success).toBe(false);
	});

	it('reject hashes that are not 64 lowercase hex digits', async () => {
		const sealed = await sealRecord(genesis);
		expect(sealed.hash).toMatch(/[a-f]/);
		expect(outboxRecord.safeParse(sealed).success).toBe(true);
		expect(outboxRecord.safeParse({ ...sealed, hash: sealed.hash.toUpperCase() }).success).toBe(false);
		expect(unsignedRecord.safeParse({ ...genesis, prevHash: 'A'.repeat(64) }).success).toBe(false);
		expect(unsignedRecord.safeParse({ ...genesis, prevHash: '0'.repeat(63) }).success).toBe(false);
		expect(unsignedRecord.safeParse({ ...genesis, prevHash: 'g'.repeat(64) }).success).toBe(false);
		expect(outboxRecord.safeParse({ ...sealed, hash: sealed.hash.slice(1) }).success).toBe(false);
	});

	it('reject ids that are not UUIDs and times that are not epoch milliseconds', () => {
		expect(unsignedRecord.safeParse({ ...genesis, id: 'record-1' }).success).toBe(false);
		expect(unsignedRecord.safeParse({ ...genesis, at: -1 }).success).toBe(false);
		expect(unsignedRecord.safeParse({ ...genesis, at: AT + 0.5 }).success).toBe(false);
		expect(unsignedRecord.safeParse({ ...genesis, at: String(AT) }).success).toBe(false);
	});

	it('require the clerk attestation and a sealed identity to open a window', () => {
		const p = windowOpen.payload as Record<string, unknown>;
		const withPayload = (payload: Record<string, unknown>) => ({ ...windowOpen, payload });
		expect(unsignedRecord.safeParse(withPayload({ ...p, attested: false })).success).toBe(false);
		expect(unsignedRecord.safeParse(withPayload({ ...p, identity: { givenName: 'Jānis' } })).success).toBe(false);
		expect(unsignedRecord.safeParse(withPayload({ ...p, identity: { ...sealedIdentity, alg: 'none' } })).success).toBe(
			false
		);
		expect(unsignedRecord.safeParse(withPayload({ ...p, lengthMs: 0 })).success).toBe(false);
		expect(unsignedRecord.safeParse(withPayload({ ...p, lengthMs: 60 * 60 * 1000 + 1 })).success).toBe(false);
	});

	it('reject an unknown window close reason and a malformed office day', () => {
		expect(
			unsignedRecord.safeParse({
				...genesis,
				type: 'window.close',
				payload: { windowId: WINDOW, closedAt: AT, reason: 'crashed' }
			}).success
		).toBe(false);
		expect(
			unsignedRecord.safeParse({
				...genesis,
				type: 'day.close',
				payload: {
					officeId: 'o',
					clerkId: 'c',
					day: '01.01.2026',
					windowsOpened: 0,
					visitsWithSignatures: 0,
					abandonedWindows: 0,
					unsynced: 0
				}
			}).success
		).toBe(false);
	});
});
