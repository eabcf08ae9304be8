/**
 * The one log line of a push: which device, how many records, the outcome, and how many records
 * ended in each state and reason. Never a payload: records carry sealed identities and receipt
 * hashes, and a refused push may be anything a stranger sent (server/log.ts).
 */
import type { PushResult } from '../../src/lib/domain/sync-protocol';
import type { Logger } from '../log';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function logPush(log: Logger, deviceId: unknown, records: number, result: PushResult): void {
	const outcomes: Record<string, number> = {};
	for (const r of result.results) {
		const key = r.reason === r.state ? r.state : `${r.state}:${r.reason}`;
		outcomes[key] = (outcomes[key] ?? 0) + 1;
	}
	const fields = {
		// A device id is a UUID; anything else a stranger put there stays out of the log.
		device: typeof deviceId === 'string' && UUID.test(deviceId) ? deviceId : 'not-a-device-id',
		records,
		lastSeq: result.lastSeq,
		...(result.ok ? {} : { refused: result.reason }),
		outcomes
	};
	// A refusal is an answer like any other (an old app, a stranger); a tampered batch is news.
	if (result.ok) log.info(fields, 'push');
	else if (result.reason === 'tampered') log.warn(fields, 'push refused');
	else log.info(fields, 'push refused');
}
