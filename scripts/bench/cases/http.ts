/**
 * Over HTTP against the built server (`node build`, a child process on 127.0.0.1):
 *
 * - Push: the reconcile records (100 devices × 100) through `/api/trpc` `sync.push`, in batches
 *   sized to the body limit, from 50 simulated devices at once; the server's peak RSS.
 * - Catalog read: `catalog.pull` (a full pull, as a new device or the server-rendered page
 *   does) and the server-rendered `/`, under 50 connections for a fixed time (autocannon).
 */
import autocannon from 'autocannon';
import type { Dialect } from '../../../server/db/connect';
import { connect } from '../../../server/db/connect';
import { countRows, freshDatabase } from '../lib/databases';
import { benchApp, createBenchWorld, enrollDevices, envelopesFor, RecordFactory } from '../lib/fixture';
import { AppProcess } from '../lib/server';
import { RECONCILE } from './reconcile';

export interface HttpOptions {
	root: string;
	devices: number;
	recordsPerDevice: number;
	concurrency: number;
	catalogSeconds: number;
	catalogConnections: number;
	seed: number;
	catalog: boolean;
}

export const HTTP: Omit<HttpOptions, 'root'> = {
	devices: RECONCILE.devices,
	recordsPerDevice: RECONCILE.recordsPerDevice,
	concurrency: 50,
	catalogSeconds: 10,
	catalogConnections: 50,
	seed: 7,
	catalog: true
};

export interface LoadResult {
	requestsPerSec: number;
	p50: number;
	p99: number;
	errors: number;
}

export interface HttpRun {
	records: number;
	batches: number;
	seconds: number;
	recordsPerSec: number;
	pushP50: number;
	pushP99: number;
	peakRssBytes: number;
	catalogPull?: LoadResult;
	home?: LoadResult;
	check: string;
}

function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return 0;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function load(url: string, seconds: number, connections: number): Promise<LoadResult> {
	// One request first: a wrong URL should fail loudly, not measure 404s.
	const probe = await fetch(url);
	if (!probe.ok) throw new Error(`${url} answered ${probe.status}`);
	await probe.arrayBuffer();
	const r = await autocannon({ url, connections, duration: seconds, pipelining: 1 });
	return {
		requestsPerSec: r.requests.total / (r.duration || seconds),
		p50: r.latency.p50,
		p99: r.latency.p99,
		errors: r.errors + r.timeouts + r.non2xx
	};
}

export async function httpRun(dialect: Dialect, postgresUrl: string | undefined, o: HttpOptions): Promise<HttpRun> {
	const now = Date.now();
	const database = await freshDatabase(dialect, postgresUrl);
	let server: AppProcess | undefined;
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
		const bodies: string[][] = [];
		for (let i = 0; i < devices.length; i++) {
			const envelopes = await envelopesFor(devices[i], factory.recordsFor(i, devices[i]), now);
			bodies.push(envelopes.map((e) => JSON.stringify(e)));
		}
		await database.close();

		server = await AppProcess.start(o.root, database.url);
		const endpoint = `${server.url}/api/trpc/sync.push`;
		const latencies: number[] = [];
		let next = 0;
		let batches = 0;
		const worker = async () => {
			while (next < bodies.length) {
				for (const body of bodies[next++]) {
					const t0 = performance.now();
					const res = await fetch(endpoint, {
						method: 'POST',
						headers: { 'content-type': 'application/json', origin: server!.url },
						body
					});
					const json = (await res.json()) as { result?: { data?: { ok: boolean; reason?: string } } };
					latencies.push(performance.now() - t0);
					batches++;
					const data = json.result?.data;
					if (!res.ok || !data?.ok) throw new Error(`push refused (${res.status}): ${JSON.stringify(json).slice(0, 300)}`);
				}
			}
		};
		const started = performance.now();
		await Promise.all(Array.from({ length: Math.min(o.concurrency, bodies.length) }, worker));
		const seconds = (performance.now() - started) / 1000;
		const peakRssBytes = server.peakRss();

		const check = connect(database.url);
		let checkText: string;
		try {
			const counts = await countRows(check);
			const e = factory.expected;
			const problems: string[] = [];
			if (counts.raw !== e.records) problems.push(`raw ${counts.raw} ≠ ${e.records}`);
			if (counts.results !== e.records) problems.push(`results ${counts.results} ≠ ${e.records}`);
			if (counts.accepted !== e.pairs.size) problems.push(`accepted ${counts.accepted} ≠ ${e.pairs.size}`);
			if (counts.duplicate !== e.signatures - e.pairs.size) problems.push(`duplicate ${counts.duplicate} ≠ ${e.signatures - e.pairs.size}`);
			if (counts.doubleAccepted !== 0) problems.push(`${counts.doubleAccepted} people accepted twice`);
			if (problems.length) throw new Error(`HTTP push [${dialect}] lost or miscounted records: ${problems.join('; ')}`);
			checkText = `${counts.raw} raw, ${counts.results} results, ${counts.accepted} accepted, ${counts.duplicate} duplicate`;
		} finally {
			await check.destroy();
		}

		latencies.sort((a, b) => a - b);
		const run: HttpRun = {
			records: factory.expected.records,
			batches,
			seconds,
			recordsPerSec: factory.expected.records / seconds,
			pushP50: percentile(latencies, 50),
			pushP99: percentile(latencies, 99),
			peakRssBytes,
			check: checkText
		};
		if (o.catalog) {
			run.catalogPull = await load(
				`${server.url}/api/trpc/catalog.pull?input=${encodeURIComponent(JSON.stringify({ sinceVersion: 0 }))}`,
				o.catalogSeconds,
				o.catalogConnections
			);
			run.home = await load(`${server.url}/`, o.catalogSeconds, o.catalogConnections);
		}
		return run;
	} finally {
		await server?.stop();
		await database.drop();
	}
}
