/**
 * Reconcile: 100 devices × 100 outbox records through the sync service in-process
 * (pushRecords, as the tRPC router calls it), a few devices pushing at once; then, on a fresh
 * database of the same shape, the storage baseline (lib/baseline.ts).
 */
import type { Dialect } from '../../../server/db/connect';
import { pushRecords, type PushEnvelope } from '../../../server/services/sync';
import { baselineRows, insertBaseline } from '../lib/baseline';
import { countRows, freshDatabase } from '../lib/databases';
import { benchApp, createBenchWorld, enrollDevices, envelopesFor, RecordFactory, type BenchApp } from '../lib/fixture';

export interface ReconcileOptions {
	devices: number;
	recordsPerDevice: number;
	concurrency: number;
	seed: number;
}

export const RECONCILE: ReconcileOptions = { devices: 100, recordsPerDevice: 100, concurrency: 4, seed: 42 };

export interface ReconcileRun {
	records: number;
	seconds: number;
	recordsPerSec: number;
	/** CPU time of this process (main thread and thread pool) per 1,000 records: steadier than wall time on a shared machine. */
	cpuMsPer1k: number;
	baselineSeconds: number;
	baselineRecordsPerSec: number;
	check: string;
}

/** Pushes every envelope, `concurrency` devices at a time; throws on anything but ok. */
export async function pushAll(app: BenchApp, perDevice: PushEnvelope[][], concurrency: number) {
	let next = 0;
	const worker = async () => {
		while (next < perDevice.length) {
			const envelopes = perDevice[next++];
			for (const e of envelopes) {
				const r = await pushRecords(app, e);
				if (!r.ok) throw new Error(`push refused: ${r.reason}`);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, perDevice.length) }, worker));
}

export async function reconcileRun(dialect: Dialect, postgresUrl: string | undefined, o: ReconcileOptions = RECONCILE): Promise<ReconcileRun> {
	const now = Date.now();
	const database = await freshDatabase(dialect, postgresUrl);
	let baseline: Awaited<ReturnType<typeof freshDatabase>> | undefined;
	try {
		const app = await benchApp(database, now);
		const world = await createBenchWorld(app, now);
		const devices = await enrollDevices(app, world, o.devices);
		const factory = new RecordFactory(world, app.secrets.sealingKey, {
			recordsPerDevice: o.recordsPerDevice,
			duplicateShare: 0.05,
			qcShare: 0.5,
			maxSignatures: 3,
			seed: o.seed,
			now
		});
		const records = devices.map((d, i) => factory.recordsFor(i, d));
		const envelopes = await Promise.all(devices.map((d, i) => envelopesFor(d, records[i], now)));

		const cpu0 = process.cpuUsage();
		const started = performance.now();
		await pushAll(app, envelopes, o.concurrency);
		const seconds = (performance.now() - started) / 1000;
		const cpu = process.cpuUsage(cpu0);

		const counts = await countRows(database);
		const e = factory.expected;
		const problems: string[] = [];
		if (counts.raw !== e.records) problems.push(`raw ${counts.raw} ≠ ${e.records}`);
		if (counts.results !== e.records) problems.push(`results ${counts.results} ≠ ${e.records}`);
		if (counts.windows !== e.windows) problems.push(`windows ${counts.windows} ≠ ${e.windows}`);
		if (counts.qc !== e.qc) problems.push(`qc ${counts.qc} ≠ ${e.qc}`);
		if (counts.accepted !== e.pairs.size) problems.push(`accepted ${counts.accepted} ≠ ${e.pairs.size}`);
		if (counts.duplicate !== e.signatures - e.pairs.size) problems.push(`duplicate ${counts.duplicate} ≠ ${e.signatures - e.pairs.size}`);
		if (counts.rejected !== 0) problems.push(`rejected ${counts.rejected}`);
		if (counts.doubleAccepted !== 0) problems.push(`${counts.doubleAccepted} people accepted twice`);
		if (problems.length) throw new Error(`reconcile [${dialect}] lost or miscounted records: ${problems.join('; ')}`);

		// The baseline on a fresh database with the same world and as many devices.
		baseline = await freshDatabase(dialect, postgresUrl);
		const bApp = await benchApp(baseline, now);
		const bWorld = await createBenchWorld(bApp, now);
		const bDevices = await enrollDevices(bApp, bWorld, o.devices);
		const rows = baselineRows(
			records.map((rs, i) => ({ deviceId: bDevices[i].id, officeId: bDevices[i].clerk.officeId, records: rs.map((r) => ({ ...r, deviceId: bDevices[i].id })) })),
			now,
			e.qcWindows
		);
		await baseline.close();
		const baselineSeconds = await insertBaseline(baseline, rows);
		return {
			records: e.records,
			seconds,
			recordsPerSec: e.records / seconds,
			cpuMsPer1k: (cpu.user + cpu.system) / 1000 / (e.records / 1000),
			baselineSeconds,
			baselineRecordsPerSec: rows.records / baselineSeconds,
			check: `${counts.raw} raw, ${counts.results} results, ${counts.accepted} accepted, ${counts.duplicate} duplicate`
		};
	} finally {
		await database.drop();
		await baseline?.drop();
	}
}
