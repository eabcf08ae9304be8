/**
 * The digest of refused pushes (issue 10 §2). A push the server refuses before it could trust
 * it (bad signature, unknown or revoked device, another protocol version) stores no record;
 * this is what an investigation gets instead: when, how many pushes, records and bytes, the
 * hash of the first and last body, and the reason.
 *
 * Bounded by construction, so 40 refused pushes a second cannot fill the disk: the pushes of
 * one device key and reason within PUSH_DIGEST_INTERVAL_MS of its latest row add to that row;
 * a new row starts at most once per interval and reason; and a device key keeps its newest
 * PUSH_DIGEST_CAP rows. All unknown device ids share one key, so made-up ids add nothing.
 */
import type { Kysely, Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database, PushDigestTable } from '../db/schema';

/** The one key every device id the server does not know is kept under. */
export const UNKNOWN_DEVICE_KEY = 'unknown';
/** Refused pushes this close after a row's first push add to that row. */
export const PUSH_DIGEST_INTERVAL_MS = 10 * 60_000;
/**
 * Rows kept per device key, the oldest dropped first: about 150 KB, and three and a half days
 * of a push refused every second at one row per interval.
 */
export const PUSH_DIGEST_CAP = 500;

export type PushDigestRow = Selectable<PushDigestTable>;

export interface RefusedPush {
	deviceKey: string;
	claimedDeviceId: string;
	reason: string;
	protocol: number | null;
	at: number;
	records: number;
	bytes: number;
	bodySha256: string;
	deviceTime: number | null;
}

export async function recordRefusedPush(db: Kysely<Database>, p: RefusedPush): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const latest = await trx
			.selectFrom('push_digest')
			.select(['id', 'first_at'])
			.where('device_key', '=', p.deviceKey)
			.where('reason', '=', p.reason)
			.orderBy('id', 'desc')
			.limit(1)
			.executeTakeFirst();
		const first = latest ? Number(latest.first_at) : null;
		if (latest && first !== null && p.at >= first && p.at - first < PUSH_DIGEST_INTERVAL_MS) {
			await trx
				.updateTable('push_digest')
				.set((eb) => ({
					pushes: eb('pushes', '+', 1),
					records: eb('records', '+', p.records),
					bytes: eb('bytes', '+', p.bytes),
					last_at: p.at,
					last_body_sha256: p.bodySha256,
					claimed_device_id: p.claimedDeviceId,
					protocol: p.protocol,
					device_time: p.deviceTime
				}))
				.where('id', '=', latest.id)
				.execute();
			return;
		}
		await trx
			.insertInto('push_digest')
			.values({
				id: uuidv7(),
				device_key: p.deviceKey,
				claimed_device_id: p.claimedDeviceId,
				reason: p.reason,
				protocol: p.protocol,
				first_at: p.at,
				last_at: p.at,
				pushes: 1,
				records: p.records,
				bytes: p.bytes,
				first_body_sha256: p.bodySha256,
				last_body_sha256: p.bodySha256,
				device_time: p.deviceTime
			})
			.execute();
		const oldestKept = await trx
			.selectFrom('push_digest')
			.select('id')
			.where('device_key', '=', p.deviceKey)
			.orderBy('id', 'desc')
			.limit(1)
			.offset(PUSH_DIGEST_CAP - 1)
			.executeTakeFirst();
		if (oldestKept) {
			await trx.deleteFrom('push_digest').where('device_key', '=', p.deviceKey).where('id', '<', oldestKept.id).execute();
		}
	});
}

/** A device key's digest rows, oldest first. */
export function pushDigestsOf(db: Kysely<Database>, deviceKey: string): Promise<PushDigestRow[]> {
	return db.selectFrom('push_digest').selectAll().where('device_key', '=', deviceKey).orderBy('id').execute();
}
