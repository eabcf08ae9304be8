/**
 * Property-based fuzz (issue 10 §4): random and hostile requests at every tRPC procedure (from
 * the router) and every form action and form endpoint (from src/routes), as anonymous, clerk,
 * auditor and administrator, over real HTTP against the production server on the built app
 * (`node scripts/serve.mjs`), on SQLite and PostgreSQL. After each request:
 *
 * - the answer is not a 5xx, and the server process is still running;
 * - nothing already stored changed: every table is compared row by row with its state before
 *   the fuzz (append-only logs and counters may grow, never change: login attempts, rate
 *   events, raw received records, the audit log, and the sessions the test itself made; the
 *   digest of refused pushes counts in place, within its bound per device).
 *
 * Refused callers (anonymous, clerk, auditor) use real ids and accepted enum values, so they
 * are refused for who they are. The administrator may change data with a valid request, so the
 * administrator's requests carry only random and hostile values and ids that do not exist.
 *
 * Reproducible: FUZZ_SEED=<seed> (printed on failure, with fast-check's shrunk counterexample)
 * replays a run; FUZZ_RUNS sets the number of requests per property (default 250).
 */
import fc from 'fast-check';
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_DIGEST_CAP } from '../../server/repositories/push-digests';
import { verifyAuditChain } from '../../server/services/audit';
import { createEnrollmentCode } from '../../server/services/enrollment';
import { SESSION_COOKIE } from '../../server/services/auth';
import { sessionCookie, visit } from './admin-helpers';
import { createTestDatabase, DIALECTS, type TestDatabase } from './databases';
import { ENUM_VALUES, formRequests, trpcRequests, type Dictionary, type FuzzRequest } from './fuzz-inputs';
import { createTestApp, createWorld, MINUTE, TestDevice, type TestApp, type World } from './kit';
import { request } from './http-client';
import { formTargets, procedures } from './routes';
import { builtApp, ServerProcess } from './server-process';
import { changes, digest } from './table-digest';

const RUNS = Number(process.env.FUZZ_RUNS ?? 250);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;

type Role = 'anonymous' | 'clerk' | 'auditor' | 'admin';
const ROLES: Role[] = ['anonymous', 'clerk', 'auditor', 'admin'];

/** Tables that may gain rows, never change old ones. */
const GROWING = new Set(['session', 'login_attempt', 'rate_event', 'raw_record', 'audit_log']);
/**
 * Not compared row by row: audit_head moves with each append (the chain is verified instead);
 * push_digest counts refused pushes in place (its bound per device is checked instead);
 * rate_bucket counts attempts in place (tests/server/rate-limits.spec.ts checks the counts).
 */
const IGNORED = new Set(['audit_head', 'push_digest', 'rate_bucket']);

interface Stage {
	handle: TestDatabase;
	app: TestApp;
	w: World;
	server: ServerProcess;
	known: string[];
	byField: Record<string, string[]>;
	library: TestDevice;
}

/** A small real world with stored visits, started behind a real server, with the QC frame caught up. */
async function stage(handle: TestDatabase, dir: string): Promise<Stage> {
	const app = await createTestApp(handle, { now: Date.now() });
	const w = await createWorld(app);
	const kac = await TestDevice.enroll(app, 'kac-riga');
	const library = await TestDevice.enroll(app, 'lib-riga', 'library');
	// Visits without a QC phone: nothing lands on the call list, so an auditor's "next call"
	// (a valid request that needs no input) has nothing to claim.
	for (const [i, personalCode] of ['16117519997', '28079412344', '29075810403'].entries()) {
		const person = { personalCode, birthDate: ['1975-11-16', '1994-07-28', '1958-07-29'][i], qcConsent: false, qcPhone: null };
		const { result } = await visit(kac, { clerkId: w.clerkRiga, at: app.now() - (90 - 10 * i) * MINUTE, initiatives: [w.national, w.rigaOnly], person });
		expect(result.ok).toBe(true);
	}
	await createEnrollmentCode(app.database.db, 'kac-grobina', 'kac', 3_600_000, app.now());
	const server = await ServerProcess.start(dir, handle.url);
	const auditor = `${SESSION_COOKIE}=${await sessionCookie(app, w.auditor)}`;
	for (const path of ['/qc', '/qc/dashboard', '/qc/flags']) expect((await fetch(server.url + path, { headers: { cookie: auditor } })).status).toBe(200);
	const slugs = ['kac-riga', 'kac-grobina', 'lib-riga', 'national-one', 'riga-only', 'draft-one', 'klerks.riga', 'revidents', 'admins'];
	const ids = [w.kacRiga, w.kacGrobina, w.library, w.national, w.rigaOnly, w.draft, w.closedRecently, w.clerkRiga, w.clerkGrobina, w.admin, w.auditor, kac.id, library.id];
	const byField = {
		deviceId: [kac.id, library.id],
		office: ['kac-riga', 'kac-grobina', 'lib-riga'],
		id: [w.national, w.rigaOnly, w.draft, w.closedRecently],
		username: ['klerks.riga', 'revidents', 'admins'],
		initiativeIds: [w.national, w.rigaOnly]
	};
	return { handle, app, w, server, known: [...ids, ...slugs, ...ENUM_VALUES], byField, library };
}

async function cookieOf(s: Stage, role: Role): Promise<string | undefined> {
	const id = { anonymous: null, clerk: s.w.clerkRiga, auditor: s.w.auditor, admin: s.w.admin }[role];
	return id ? `${SESSION_COOKIE}=${await sessionCookie(s.app, id)}` : undefined;
}

/** Sends one request as `role`; the answer's status and the start of its body. */
async function send(s: Stage, role: Role, r: FuzzRequest): Promise<{ status: number; body: string }> {
	const headers: Record<string, string> = { ...r.headers };
	const cookie = await cookieOf(s, role);
	if (cookie) headers.cookie = cookie;
	try {
		return await request(s.server.url, { method: r.method, path: r.path.startsWith('/') ? r.path : '/' + r.path, headers, body: r.body });
	} catch (e) {
		throw new Error(`no answer (server ${s.server.running ? 'running' : 'gone'}): ${e}\n--- server log ---\n${s.server.log.slice(-3000)}`);
	}
}

/** Runs the property, and on failure says how to replay it. */
async function fuzz(name: string, s: Stage, requests: (d: Dictionary) => fc.Arbitrary<FuzzRequest>) {
	const cases = fc.constantFrom(...ROLES).chain((role) => requests(role === 'admin' ? { known: [], byField: {} } : { known: s.known, byField: s.byField }).map((r) => ({ role, r })));
	// The stored state before this property: growing tables may have grown in an earlier one.
	const before = await digest(s.handle);
	const statuses = new Map<number, number>();
	const property = fc.asyncProperty(cases, async ({ role, r }) => {
		if (process.env.FUZZ_TRACE) appendFileSync(process.env.FUZZ_TRACE, JSON.stringify({ role, ...r, body: typeof r.body === 'string' || !r.body ? r.body : [...r.body.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : 'FILE']) }) + '\n');
		const answer = await send(s, role, r);
		statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
		const where = `${role}: ${r.label} ${r.path.slice(0, 200)} → ${answer.status} ${answer.body}`;
		expect(answer.status, `${where}\n--- server log ---\n${s.server.log.slice(-3000)}`).toBeLessThan(500);
		expect(s.server.running, where).toBe(true);
		expect(changes(before, await digest(s.handle), { growing: GROWING, ignored: IGNORED }), where).toEqual([]);
	});
	try {
		await fc.assert(property, { seed: SEED, numRuns: RUNS });
		console.log(`${name} (${s.handle.dialect}): ${RUNS} requests, seed ${SEED}, answers ${[...statuses].sort(([a], [b]) => a - b).map(([k, n]) => `${k}×${n}`).join(' ')}`);
	} catch (e) {
		throw new Error(`${name} failed; replay with FUZZ_SEED=${SEED}\n${(e as Error).message}`, { cause: e });
	}
}

async function stillServes(s: Stage) {
	for (const path of ['/api/health', '/', `/api/trpc/catalog.pull?input=${encodeURIComponent('{"sinceVersion":0}')}`]) {
		expect((await fetch(s.server.url + path)).status, path).toBe(200);
	}
	expect((await verifyAuditChain(s.app.database.db)).ok).toBe(true);
	const digests = await s.app.database.db
		.selectFrom('push_digest')
		.select(['device_key', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('device_key')
		.execute();
	for (const d of digests) expect(Number(d.n), d.device_key).toBeLessThanOrEqual(PUSH_DIGEST_CAP);
	expect(s.server.log).not.toMatch(/Internal Error|failed:/);
}

for (const dialect of DIALECTS) {
	describe(`fuzz over HTTP [${dialect}]`, () => {
		let built: { dir: string; cleanup(): void } | undefined;
		let database: (TestDatabase & { drop(): Promise<void> }) | undefined;
		let s: Stage;

		beforeAll(async () => {
			built = builtApp();
			database = await createTestDatabase(dialect);
			s = await stage(database, built.dir);
		}, 240_000);

		afterAll(async () => {
			await s?.server.stop();
			await database?.drop();
			built?.cleanup();
		});

		it(`random and hostile input at every tRPC procedure, as each role (seed ${SEED})`, { timeout: 300_000 }, async () => {
			const all = procedures();
			expect(all.map((p) => p.path)).toEqual(expect.arrayContaining(['sync.push', 'sync.pull', 'auth.login', 'device.createEnrollmentCode', 'qc.record', 'admin.billing']));
			await fuzz('tRPC fuzz', s, (d) => trpcRequests(all, d, s.server.url));
			await stillServes(s);
		});

		it(`random and hostile input at every form action and form endpoint, as each role (seed ${SEED})`, { timeout: 300_000 }, async () => {
			const targets = formTargets();
			expect(targets.length).toBeGreaterThan(20);
			await fuzz('form fuzz', s, (d) => formRequests(targets, d, s.server.url));
			await stillServes(s);
		});

		it('the comparison sees what a valid request changes (so the fuzz could fail)', async () => {
			const before = await digest(s.handle);
			const revoke = new URLSearchParams({ deviceId: s.library.id, confirm: 'yes' });
			const answer = await send(s, 'admin', { label: 'revoke', method: 'POST', path: '/admin/devices?/revoke', headers: { origin: s.server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: revoke.toString() });
			expect(answer.status).toBe(200);
			const changed = changes(before, await digest(s.handle), { growing: GROWING, ignored: IGNORED });
			expect(changed.some((c) => c.startsWith('device: changed'))).toBe(true);
		});
	});
}
