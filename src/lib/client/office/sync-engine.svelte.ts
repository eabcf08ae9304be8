/**
 * The office device's sync engine (DESIGN §5, sync protocol 2): pull the catalog, the server's
 * sealing key and this device's state (the pull is signed, so the server tells the state to
 * this device only); push the outbox in batches that fit the body limit, each signed over its
 * whole envelope; record each result. Runs at start, on reconnect, after each window and on a
 * timer that backs off while the server cannot be reached. Results are data: nothing here
 * throws at the page.
 *
 * When the server speaks another sync protocol version (`unsupported_protocol`, or a pull
 * answer of another version), this app is out of date: `officeSync.updateNeeded` is set, the
 * office screen says so in plain words, and nothing is sent. Records are never discarded: they
 * stay pending in the outbox until an updated app sends them. When the server speaks an older
 * version (a release withdrawn), `serverBehind` is set as well: no update is offered then, since
 * the app it would load is the older one; the records wait for the server to come forward again.
 */
import { isCatalogPull } from '$lib/domain/catalog-protocol';
import { signPull, signPush } from '$lib/domain/device-signature';
import {
	isFinal,
	MAX_PUSH_BYTES,
	MAX_PUSH_RECORDS,
	SYNC_PROTOCOL_VERSION,
	type DeviceState,
	type PushResult
} from '$lib/domain/sync-protocol.core';
import { applyPull, catalogStatus } from '../catalog-sync.svelte';
import { deviceDb, type OutboxRow } from '../db';
import { checkForUpdate } from '../pwa.svelte';
import { api } from '../trpc';
import { currentDevice } from './device';
import { pendingCount, pendingVisits, problemRecords, pruneSettled } from './outbox';

export const officeSync = $state({
	syncing: false,
	/** The last push or pull reached the server. */
	reachable: true,
	pending: 0,
	/** Visits (signing windows) with anything not yet sent, and when the oldest of them began. */
	pendingVisits: 0,
	oldestPendingAt: null as number | null,
	lastSyncAt: null as number | null,
	deviceStatus: 'active' as 'active' | 'revoked' | 'unknown' | 'unenrolled',
	/** Records that came back duplicate, rejected or quarantined. */
	problems: [] as OutboxRow[],
	/** One line per record answered in the last sync that sent anything (all its batches). */
	lastResults: [] as { seq: number; type: string; state: string; reason: string }[],
	windowMinutes: 15,
	/** The server no longer accepts this app's protocol: the app must be updated to send anything. */
	updateNeeded: false,
	/** With `updateNeeded`: the server's protocol is older than this app's (a rollback). */
	serverBehind: false
});

/** The server answered with another protocol: note whether it is ahead of this app or behind. */
function otherProtocol(serverProtocol: number) {
	officeSync.updateNeeded = true;
	officeSync.serverBehind = serverProtocol < SYNC_PROTOCOL_VERSION;
	// The server moved on: look for its new app now rather than at the next page load.
	if (!officeSync.serverBehind) void checkForUpdate();
}

export { sealingKey } from './sealing-key';

async function meta<T>(key: string, fallback: T): Promise<T> {
	const row = await deviceDb().meta.get(key);
	return row ? (row.value as T) : fallback;
}

export async function refreshOfficeState() {
	officeSync.pending = await pendingCount();
	const visits = await pendingVisits();
	officeSync.pendingVisits = visits.count;
	officeSync.oldestPendingAt = visits.oldestAt;
	officeSync.problems = await problemRecords();
	officeSync.lastSyncAt = await meta<number | null>('officeSyncedAt', null);
	officeSync.windowMinutes = await meta('windowMinutes', 15);
	// A revocation learnt at an earlier sync holds after a reload, also with the server down.
	const known = await meta<DeviceState | null>('deviceState', null);
	if (known?.status === 'revoked') officeSync.deviceStatus = 'revoked';
}

/** What a pull found: go on and push, or stop because this app is out of date. */
type PullOutcome = 'ok' | 'update_needed';

async function pull(deviceId: string, privateKey: CryptoKey): Promise<PullOutcome> {
	const db = deviceDb();
	// Practice visits (issue 19) ride inside the signed pull as a bare total: never an outbox record.
	const practiceVisits = await meta('practiceVisits', 0);
	const signed = {
		protocol: SYNC_PROTOCOL_VERSION,
		deviceId,
		deviceTime: Date.now(),
		sinceVersion: await meta('catalogVersion', 0),
		...(practiceVisits > 0 ? { practiceVisits } : {})
	};
	const answer = await api().sync.pull.query({ ...signed, signature: await signPull(privateKey, signed) });
	if (answer.protocol !== SYNC_PROTOCOL_VERSION || (!answer.device.verified && answer.device.reason === 'unsupported_protocol')) {
		otherProtocol(answer.protocol);
		return 'update_needed';
	}
	if (!isCatalogPull(answer.catalog)) throw new Error('not a catalog pull of this protocol');
	await applyPull(db, answer.catalog, Date.now());
	await db.meta.bulkPut([
		{ key: 'sealingKey', value: answer.sealingKey },
		{ key: 'windowMinutes', value: answer.settings.windowMinutes }
	]);
	const device = answer.device;
	if (device.verified) {
		await db.meta.put({ key: 'deviceState', value: device.state satisfies DeviceState });
		officeSync.deviceStatus = device.state.status;
	} else if (device.reason === 'unknown_device' || device.reason === 'bad_signature') {
		// The server does not know this PC, or knows another key under its id.
		await db.meta.put({ key: 'deviceState', value: null });
		officeSync.deviceStatus = 'unknown';
	}
	// stale_request: the server has not seen this PC's clock yet; what we knew still holds, and
	// the push (which needs no state) shows the server the clock.
	officeSync.windowMinutes = answer.settings.windowMinutes;
	officeSync.updateNeeded = false;
	officeSync.serverBehind = false;
	catalogStatus.serverReachable = true;
	catalogStatus.lastSyncAt = Date.now();
	return 'ok';
}

/** Takes consecutive unsettled records from the lowest seq, as many as fit one request. */
async function nextBatch(): Promise<OutboxRow[]> {
	const rows = await deviceDb().outbox.where('state').anyOf('pending', 'sent').sortBy('seq');
	const batch: OutboxRow[] = [];
	let bytes = 200;
	for (const row of rows) {
		const size = JSON.stringify(row.record).length + 1;
		if (batch.length && (bytes + size > MAX_PUSH_BYTES || batch.length >= MAX_PUSH_RECORDS)) break;
		if (batch.length && row.seq !== batch[batch.length - 1].seq + 1) break;
		batch.push(row);
		bytes += size;
	}
	return batch;
}

async function applyResult(result: PushResult, batch: OutboxRow[]) {
	const db = deviceDb();
	const now = Date.now();
	const bySeq = new Map(result.results.map((r) => [r.seq, r]));
	await db.transaction('rw', db.outbox, async () => {
		for (const row of batch) {
			const r = bySeq.get(row.seq);
			if (r) await db.outbox.update(row.seq, { state: r.state, result: r, settledAt: now });
		}
	});
	runResults.push(
		...result.results.map((r) => ({
			seq: r.seq,
			type: batch.find((b) => b.seq === r.seq)?.type ?? '',
			state: r.state,
			reason: r.reason
		}))
	);
}

/** Every result of the current sync run, over all its batches; shown once the run ends. */
let runResults: (typeof officeSync.lastResults)[number][] = [];

/**
 * When the server holds fewer records than we think (it was restored from a backup), resend
 * from its last seq: our settled copies are still the same signed records.
 */
async function rewindTo(lastSeq: number) {
	const db = deviceDb();
	await db.outbox.where('seq').above(lastSeq).modify({ state: 'pending', result: null, settledAt: null });
}

async function push(deviceId: string, privateKey: CryptoKey): Promise<'done' | 'stop'> {
	const db = deviceDb();
	for (let round = 0; round < 1000; round++) {
		const batch = await nextBatch();
		if (!batch.length) return 'done';
		const records = batch.map((b) => b.record);
		const signed = { protocol: SYNC_PROTOCOL_VERSION, deviceId, deviceTime: Date.now(), hashes: records.map((r) => r.hash) };
		const signature = await signPush(privateKey, signed);
		await db.outbox.where('seq').anyOf(batch.map((b) => b.seq)).modify({ state: 'sent' });
		const result = await api().sync.push.mutate({
			protocol: SYNC_PROTOCOL_VERSION,
			deviceId,
			deviceTime: signed.deviceTime,
			records,
			signature
		});
		if (result.ok) {
			await applyResult(result, batch);
			continue;
		}
		switch (result.reason) {
			case 'gap':
				if (result.lastSeq >= batch[0].seq) return 'stop';
				await rewindTo(result.lastSeq);
				continue;
			case 'tampered':
				await applyResult(result, batch);
				return 'stop';
			case 'device_revoked':
				officeSync.deviceStatus = 'revoked';
				await db.outbox.where('seq').anyOf(batch.map((b) => b.seq)).modify({ state: 'pending' });
				return 'stop';
			case 'unsupported_protocol':
				// Kept, never discarded: an updated app sends them.
				otherProtocol(result.protocol);
				await db.outbox.where('seq').anyOf(batch.map((b) => b.seq)).modify({ state: 'pending' });
				return 'stop';
			default:
				officeSync.deviceStatus = result.reason === 'unknown_device' ? 'unknown' : officeSync.deviceStatus;
				await db.outbox.where('seq').anyOf(batch.map((b) => b.seq)).modify({ state: 'pending' });
				return 'stop';
		}
	}
	return 'done';
}

let running: Promise<boolean> | null = null;

/**
 * One full sync; resolves to whether the server was reached, and never rejects. Concurrent calls
 * share one run. Every way out of a run, the early one for a PC not enrolled yet included, goes
 * through the `finally` that lets the next call start a run of its own: a run that kept
 * `running` set would leave the page unable to sync until a reload (issue 11 §1).
 */
export function syncNow(): Promise<boolean> {
	running ??= (async () => {
		runResults = [];
		try {
			const device = await currentDevice();
			if (!device) {
				officeSync.deviceStatus = 'unenrolled';
				return false;
			}
			officeSync.syncing = true;
			const pulled = await pull(device.id, device.privateKey);
			if (pulled === 'ok' && officeSync.deviceStatus !== 'revoked') await push(device.id, device.privateKey);
			await deviceDb().meta.put({ key: 'officeSyncedAt', value: Date.now() });
			await pruneSettled();
			officeSync.reachable = true;
			return true;
		} catch {
			officeSync.reachable = false;
			catalogStatus.serverReachable = false;
			// Records marked sent but unanswered are sent again next time: the server is idempotent.
			return false;
		} finally {
			// The results of the last run that sent anything stay on screen until the next one.
			if (runResults.length) officeSync.lastResults = runResults;
			officeSync.syncing = false;
			running = null;
			await refreshOfficeState().catch(() => undefined);
		}
	})();
	return running;
}

const HEALTHY_EVERY_MS = 60_000;
const BACKOFF_MAX_MS = 5 * 60_000;

/** Starts syncing: now, on reconnect, and periodically with back-off. Returns a stop function. */
export function startOfficeSync(): () => void {
	let delay = 5_000;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let stopped = false;
	const schedule = (ms: number) => {
		clearTimeout(timer);
		if (!stopped) timer = setTimeout(tick, ms);
	};
	const tick = async () => {
		const ok = await syncNow();
		delay = ok ? 5_000 : Math.min(delay * 2, BACKOFF_MAX_MS);
		schedule(ok ? HEALTHY_EVERY_MS : delay);
	};
	const onOnline = () => schedule(0);
	addEventListener('online', onOnline);
	void refreshOfficeState();
	schedule(0);
	return () => {
		stopped = true;
		clearTimeout(timer);
		removeEventListener('online', onOnline);
	};
}

export { isFinal };
