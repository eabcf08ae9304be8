/**
 * Opens sealed identities off the event loop. Each window of a push carries an identity sealed
 * with its own ephemeral key, so the server does one ECDH key agreement per window: the most
 * expensive step of a push by far. Run on the event loop it stalls every other request for
 * the length of a whole batch; on a worker thread it runs on another core while the event
 * loop parses, checks and writes other pushes.
 *
 * The same message also hashes the batch's records for the chain check (RFC 8785 canonical
 * JSON and SHA-256: the second largest cost of a push), so the event loop only compares.
 *
 * Workers run node-crypto.ts `makeBoxOpener`, the domain's `hashInputWith` (the one chain hash,
 * src/lib/domain/outbox-record.core.ts) and the `canonicalize` package's function, sent as source
 * text, so both paths run the very same code. Why source text and not a worker entry file: the
 * server is bundled by Vite and adapter-node into build/server/chunks, which emit no separate
 * worker entry (and a .ts entry cannot run on a Node 20 worker in tests); so each function a
 * worker runs is written self-contained (it uses only its arguments), is type-checked and
 * tested where it lives, and is sent as text. A batch is one message each way. When workers
 * are off (`CRYPTO_WORKERS=0`, read in config.ts) or one fails, the work is done on the calling
 * thread instead: slower, never wrong.
 */
import canonicalize from 'canonicalize';
import * as nodeCrypto from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SealedBox } from '../src/lib/domain/sealed-box';
import { hashInput, hashInputWith, type OutboxRecord } from '../src/lib/domain/outbox-record';
import { makeBoxOpener, sha256Hex } from './node-crypto';

/** The plaintext JSON text of a box, or null when it cannot be opened with our key. */
export type Opened = string | null;

/** What each worker runs (exported for the test that runs it on a real worker thread). */
export const WORKER_SOURCE = `
'use strict';
var __name = (f) => f;
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const makeBoxOpener = (${makeBoxOpener.toString()});
const canonicalize = (${canonicalize.toString()});
const hashInputWith = (${hashInputWith.toString()});
const openers = new Map();
const hashOf = (r) => crypto.createHash('sha256').update(hashInputWith(canonicalize, r), 'utf8').digest('hex');
parentPort.on('message', (m) => {
	let open = openers.get(m.d);
	if (!open) {
		try { open = makeBoxOpener(crypto, m.d); } catch (e) { open = () => { throw e; }; }
		if (openers.size > 8) openers.clear();
		openers.set(m.d, open);
	}
	const out = m.boxes.map((box) => { try { return open(box); } catch { return null; } });
	const hashes = m.records.map((r) => { try { return hashOf(r); } catch { return ''; } });
	parentPort.postMessage({ id: m.id, out, hashes });
});
`;

/** `configured`: CRYPTO_WORKERS (config.ts), or null for one per spare core, at most four. */
function workerCount(configured: number | null): number {
	if (configured !== null) return configured;
	// One core stays with the event loop.
	return Math.max(1, Math.min(4, availableParallelism() - 1));
}

export interface Work {
	/** Per box, its plaintext JSON text, or null. */
	opened: Opened[];
	/** Per record, `hashInput`'s SHA-256 (hex): what its `hash` must be. Empty if it cannot be hashed. */
	hashes: string[];
}

interface Pending {
	resolve(out: Work): void;
	reject(e: unknown): void;
}

class Pool {
	private readonly workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
	private next = 0;
	private seq = 0;
	broken = false;

	constructor(size: number) {
		for (let i = 0; i < size; i++) {
			const worker = new Worker(WORKER_SOURCE, { eval: true });
			const slot = { worker, pending: new Map<number, Pending>() };
			worker.on('message', (m: { id: number; out: Opened[]; hashes: string[] }) => {
				const p = slot.pending.get(m.id);
				slot.pending.delete(m.id);
				if (slot.pending.size === 0) worker.unref();
				p?.resolve({ opened: m.out, hashes: m.hashes });
			});
			const fail = (e: unknown) => {
				this.broken = true;
				for (const p of slot.pending.values()) p.reject(e);
				slot.pending.clear();
			};
			worker.on('error', fail);
			worker.on('exit', (code) => fail(new Error(`identity worker exited (${code})`)));
			// Idle workers never keep the process alive; busy ones do, until they answer.
			worker.unref();
			this.workers.push(slot);
		}
	}

	run(d: string, boxes: readonly SealedBox[], records: readonly OutboxRecord[]): Promise<Work> {
		const slot = this.workers[this.next++ % this.workers.length];
		const id = ++this.seq;
		return new Promise<Work>((resolve, reject) => {
			slot.pending.set(id, { resolve, reject });
			slot.worker.ref();
			slot.worker.postMessage({ id, d, boxes, records });
		});
	}
}

let pool: Pool | null | undefined;

function sharedPool(workers: number | null): Pool | null {
	if (pool === undefined) {
		const size = workerCount(workers);
		try {
			pool = size > 0 ? new Pool(size) : null;
		} catch {
			pool = null;
		}
	}
	return pool && !pool.broken ? pool : null;
}

/**
 * Opens boxes sealed to the private scalar `d` (base64url), in order (null for each that
 * fails), and hashes records as the outbox chain does. `workers`: CRYPTO_WORKERS (config.ts);
 * 0 does the work on the calling thread; the first opener of a process sizes the shared pool.
 */
export function identityOpener(d: string, workers: number | null = null): (boxes: readonly SealedBox[], records?: readonly OutboxRecord[]) => Promise<Work> {
	const local = makeBoxOpener(nodeCrypto, d);
	const here = (boxes: readonly SealedBox[], records: readonly OutboxRecord[]): Work => ({
		opened: boxes.map((box) => {
			try {
				return local(box);
			} catch {
				return null;
			}
		}),
		hashes: records.map((r) => {
			try {
				return sha256Hex(hashInput(r));
			} catch {
				return '';
			}
		})
	});
	return async (boxes, records = []) => {
		if (boxes.length === 0 && records.length === 0) return { opened: [], hashes: [] };
		const p = workers === 0 ? null : sharedPool(workers);
		if (!p) return here(boxes, records);
		try {
			return await p.run(d, boxes, records);
		} catch {
			return here(boxes, records);
		}
	};
}
