/**
 * The sampling frame (DESIGN §6): every accepted in-person visit enters it once, as it is
 * reconciled, with its score, its anomaly signals and the decision whether it is called.
 *
 * Two ways in, one set of rules (entry.ts, minimum.ts):
 * - `refreshQcWindows` runs after every push that accepted signatures (server/trpc/routers/sync.ts,
 *   through schedule.ts) with the windows that push accepted signatures into, so its work is
 *   proportional to what arrived, not to the frame: under continuous pushes it runs back to
 *   back, and on SQLite it holds the only connection while it runs;
 * - `refreshQc`, the full refresh, runs when the call list or the dashboard is opened: it also
 *   scans the signatures accepted since its last scan (with an overlap, so a push that
 *   committed late is not missed), which catches a visit whose refresh after the push never ran
 *   (a crash, a failed refresh), and looks at every clerk-month for the monthly minimum.
 *
 * Both are idempotent: rows are inserted "if missing" and both hold the frame's lock row, so
 * several instances never decide one visit twice.
 */
import type { Kysely } from 'kysely';
import type { App } from '../../app-context';
import { idChunks } from '../../db/chunks';
import type { Database } from '../../db/schema';
import { lockFrame, setFramePosition, visitsNotInFrame } from '../../repositories/qc-visits';
import { enterVisits } from './entry';
import { applyMonthlyMinimum, type ClerkMonth } from './minimum';
import { samplingSecret } from './sampling-key';

/** Signatures received this long before the last scan are scanned again. */
const SCAN_OVERLAP_MS = 10 * 60_000;
/** Windows decided in one go: signals such as visits per day are judged per group. */
const ENTRY_CHUNK = 400;

export interface RefreshResult {
	entered: number;
	selected: number;
	minimum: number;
	flags: number;
}

type Trx = Kysely<Database>;

async function notInFrame(trx: Trx, ids: readonly string[]): Promise<string[]> {
	const unique = [...new Set(ids)];
	const known = new Set<string>();
	for (const chunk of idChunks(unique)) {
		for (const r of await trx.selectFrom('qc_visit').select('window_id').where('window_id', 'in', chunk).execute()) known.add(r.window_id);
	}
	return unique.filter((id) => !known.has(id));
}

async function refresh(app: App, o: { full: boolean; windowIds: readonly string[] }): Promise<RefreshResult> {
	const db = app.database.db;
	const secret = await samplingSecret(app);
	const now = app.now();
	return db.transaction().execute(async (trx) => {
		const position = await lockFrame(trx);
		const total: RefreshResult = { entered: 0, selected: 0, minimum: 0, flags: 0 };
		let newest = position;
		const ids: string[] = [];
		if (o.full) {
			for (const c of await visitsNotInFrame(trx, Math.max(0, position - SCAN_OVERLAP_MS))) {
				ids.push(c.windowId);
				newest = Math.max(newest, c.receivedAt);
			}
		}
		const scanned = new Set(ids);
		ids.push(...(await notInFrame(trx, o.windowIds)).filter((id) => !scanned.has(id)));
		const clerkMonths: ClerkMonth[] = [];
		for (const chunk of idChunks(ids, ENTRY_CHUNK)) {
			const r = await enterVisits(app, trx, chunk, secret, now);
			total.entered += r.entered;
			total.selected += r.selected;
			total.flags += r.flags;
			clerkMonths.push(...r.clerkMonths);
		}
		total.minimum = await applyMonthlyMinimum(app, trx, now, o.full ? undefined : clerkMonths);
		if (newest !== position) await setFramePosition(trx, newest);
		return total;
	});
}

/** Brings the whole frame up to date: new visits in, their signals and decisions, monthly minimums. */
export function refreshQc(app: App, windowIds: readonly string[] = []): Promise<RefreshResult> {
	return refresh(app, { full: true, windowIds });
}

/** Enters these windows' visits (those not in the frame yet), and what they change. */
export function refreshQcWindows(app: App, windowIds: readonly string[]): Promise<RefreshResult> {
	return refresh(app, { full: false, windowIds });
}
