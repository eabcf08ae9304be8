/**
 * National scale: 1,000,000 signature records from 1,000 devices through the sync service
 * in-process, as offices would push them after a busy week of a popular national initiative
 * (visits of 2-3 signatures, 5% of people signing again at another office). The records are
 * made first and written to temporary files, one per device; the timed part reads each back
 * when its turn comes and pushes it, 8 devices at a time, each device's batches in order. Then everything
 * is counted: every record stored raw and answered, exactly one accepted signature per person
 * and initiative, every other one a duplicate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dialect } from '../../../server/db/connect';
import { pushRecords, type PushEnvelope } from '../../../server/services/sync';
import { countRows, freshDatabase } from '../lib/databases';
import { benchApp, createBenchWorld, enrollDevices, envelopesFor, RecordFactory } from '../lib/fixture';

export interface NationalOptions {
	devices: number;
	signatures: number;
	concurrency: number;
	seed: number;
	log: (s: string) => void;
}

export const NATIONAL: Omit<NationalOptions, 'log'> = { devices: 1_000, signatures: 1_000_000, concurrency: 8, seed: 1918 };

export interface NationalRun {
	records: number;
	signatures: number;
	seconds: number;
	recordsPerSec: number;
	generateSeconds: number;
	databaseBytes: number;
	peakRssBytes: number;
	ok: boolean;
	check: string;
}

export async function nationalRun(dialect: Dialect, postgresUrl: string | undefined, o: NationalOptions): Promise<NationalRun> {
	const now = Date.now();
	const database = await freshDatabase(dialect, postgresUrl, 12);
	const dir = mkdtempSync(join(tmpdir(), 'klatiene-national-'));
	const fileOf = (i: number) => join(dir, `device-${i}.json`);
	try {
		const app = await benchApp(database, now);
		const world = await createBenchWorld(app, now);
		o.log(`national [${dialect}]: enrolling ${o.devices} devices…`);
		const devices = await enrollDevices(app, world, o.devices);

		// 1. Make every device's records and signed batches, to a file (not timed).
		o.log(`national [${dialect}]: making ${o.signatures.toLocaleString('en-US')} signatures…`);
		const genStarted = performance.now();
		let factory: RecordFactory | null = new RecordFactory(world, app.secrets.sealingKey, {
			recordsPerDevice: 0,
			signaturesPerDevice: Math.ceil(o.signatures / o.devices),
			minSignatures: 2,
			maxSignatures: 3,
			duplicateShare: 0.05,
			qcShare: 0.5,
			seed: o.seed,
			now
		});
		for (let i = 0; i < devices.length; i++) {
			const envelopes = await envelopesFor(devices[i], factory.recordsFor(i, devices[i]), now);
			await writeFile(fileOf(i), JSON.stringify(envelopes));
		}
		const e = factory.expected;
		const expected = { records: e.records, windows: e.windows, signatures: e.signatures, qc: e.qc, pairs: e.pairs.size };
		factory = null;
		const generateSeconds = (performance.now() - genStarted) / 1000;
		o.log(`national [${dialect}]: ${expected.records.toLocaleString('en-US')} records made in ${generateSeconds.toFixed(0)} s; pushing…`);

		// 2. Push them all (timed).
		let peakRss = process.memoryUsage().rss;
		const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500);
		let nextDevice = 0;
		let pushed = 0;
		let lastLog = performance.now();
		const started = performance.now();
		const worker = async () => {
			while (nextDevice < devices.length) {
				const envelopes = JSON.parse(await readFile(fileOf(nextDevice++), 'utf8')) as PushEnvelope[];
				for (const env of envelopes) {
					const r = await pushRecords(app, env);
					if (!r.ok) throw new Error(`push refused: ${r.reason}`);
					pushed += env.records.length;
				}
				if (performance.now() - lastLog > 30_000) {
					lastLog = performance.now();
					const s = (lastLog - started) / 1000;
					o.log(`national [${dialect}]: ${pushed.toLocaleString('en-US')} records in ${s.toFixed(0)} s (${Math.round(pushed / s)}/s)`);
				}
			}
		};
		await Promise.all(Array.from({ length: o.concurrency }, worker));
		const seconds = (performance.now() - started) / 1000;
		clearInterval(sampler);
		peakRss = Math.max(peakRss, process.memoryUsage().rss);

		// 3. Count.
		const counts = await countRows(database);
		const problems: string[] = [];
		if (counts.raw !== expected.records) problems.push(`raw ${counts.raw} ≠ ${expected.records}`);
		if (counts.results !== expected.records) problems.push(`results ${counts.results} ≠ ${expected.records}`);
		if (counts.windows !== expected.windows) problems.push(`windows ${counts.windows} ≠ ${expected.windows}`);
		if (counts.accepted !== expected.pairs) problems.push(`accepted ${counts.accepted} ≠ ${expected.pairs}`);
		if (counts.duplicate !== expected.signatures - expected.pairs) problems.push(`duplicate ${counts.duplicate} ≠ ${expected.signatures - expected.pairs}`);
		if (counts.rejected !== 0) problems.push(`rejected ${counts.rejected}`);
		if (counts.doubleAccepted !== 0) problems.push(`${counts.doubleAccepted} people accepted twice`);
		const check = problems.length
			? `PROBLEMS: ${problems.join('; ')}`
			: `${counts.raw.toLocaleString('en-US')} raw = results; ${counts.accepted.toLocaleString('en-US')} accepted + ${counts.duplicate.toLocaleString('en-US')} duplicate = ${expected.signatures.toLocaleString('en-US')} signatures; 0 accepted twice`;
		return {
			records: expected.records,
			signatures: expected.signatures,
			seconds,
			recordsPerSec: expected.records / seconds,
			generateSeconds,
			databaseBytes: await database.sizeBytes(),
			peakRssBytes: peakRss,
			ok: problems.length === 0,
			check
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
		await database.drop();
	}
}
