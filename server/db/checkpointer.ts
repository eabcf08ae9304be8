/**
 * SQLite WAL checkpoints on a thread of their own.
 *
 * In WAL mode a commit appends pages to the -wal file; a checkpoint copies them back into the
 * database file and fsyncs both. By default the connection that commits runs the checkpoint
 * itself every 1,000 pages, inside that commit: on the event loop, with two fsyncs. Profiles of
 * the sync benchmark showed those checkpoints to be most of a push's database time on this
 * machine (a push of 100 records went from ~3,700 to ~8,400 records/s with them switched off).
 *
 * Here a worker thread with its own connection runs a PASSIVE checkpoint every `intervalMs`.
 * PASSIVE never blocks writers or readers: it copies what no reader still needs and leaves the
 * rest for the next round, and the writer restarts the WAL from the beginning once a checkpoint
 * has caught up. The main connection keeps an automatic checkpoint as a backstop at a larger
 * size (`BACKSTOP_PAGES`), so the WAL stays bounded even if this thread falls behind or dies.
 * Durability is unchanged: commits are as durable as with `synchronous = NORMAL` before.
 *
 * The worker runs `checkpointThread` from its source text (as server/identity-opener.ts does, and
 * for the same reason: Vite and adapter-node bundle the server into chunks and emit no worker
 * entry file); it loads better-sqlite3 from the path the main thread resolved.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The main connection's own automatic checkpoint, in pages (4 KiB each): a backstop only. */
export const BACKSTOP_PAGES = 16_384;
const DEFAULT_INTERVAL_MS = 1_000;

interface CheckpointData {
	driver: string;
	file: string;
	intervalMs: number;
}

/**
 * The worker's whole program. Self-contained (it uses only its arguments): it is sent to the
 * thread as source text, so it is written, type-checked and read here rather than in a string.
 */
function checkpointThread(
	port: { on(event: 'message', f: (m: unknown) => void): void; postMessage(m: unknown): void },
	data: CheckpointData,
	Database: new (file: string) => { pragma(text: string): unknown; close(): void }
): void {
	const db = new Database(data.file);
	db.pragma('busy_timeout = 1000');
	let closed = false;
	const round = () => {
		if (closed) return;
		try {
			db.pragma('wal_checkpoint(PASSIVE)');
		} catch {
			// busy or closing: the next round retries
		}
	};
	const timer = setInterval(round, data.intervalMs);
	port.on('message', (m) => {
		if (m !== 'close') return;
		closed = true;
		clearInterval(timer);
		try {
			db.close();
		} catch {
			// already closed
		}
		port.postMessage('closed');
	});
}

const WORKER_SOURCE = `
'use strict';
var __name = (f) => f;
const { parentPort, workerData } = require('node:worker_threads');
(${checkpointThread.toString()})(parentPort, workerData, require(workerData.driver));
`;

export interface Checkpointer {
	/** Stops the thread and closes its connection; resolves when both are done. */
	close(): Promise<void>;
}

/**
 * Starts background checkpoints for a SQLite file, or returns null where they do not apply
 * (in-memory databases, `SQLITE_CHECKPOINT_THREAD=0`, or a thread that cannot start).
 */
export function startCheckpointer(file: string, intervalMs = DEFAULT_INTERVAL_MS): Checkpointer | null {
	if (file === ':memory:' || process.env.SQLITE_CHECKPOINT_THREAD === '0') return null;
	let worker: Worker;
	try {
		const driver = createRequire(import.meta.url).resolve('better-sqlite3');
		worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs } satisfies CheckpointData });
	} catch {
		return null;
	}
	worker.unref();
	// A thread that fails leaves checkpoints to the main connection's backstop: slower, never wrong.
	worker.on('error', () => {});
	let closing: Promise<void> | undefined;
	return {
		close() {
			closing ??= new Promise<void>((resolve) => {
				const done = () => void worker.terminate().finally(resolve);
				const timer = setTimeout(done, 2_000);
				timer.unref();
				worker.once('message', () => {
					clearTimeout(timer);
					done();
				});
				worker.once('exit', () => {
					clearTimeout(timer);
					resolve();
				});
				worker.postMessage('close');
			});
			return closing;
		}
	};
}
