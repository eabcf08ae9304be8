/**
 * Whether a signed `sync.pull` is fresh (issue 10): its device time must be near the server's
 * clock, so a pull someone recorded cannot be replayed long after to read the device's state.
 *
 * Office PCs' clocks are often off, and the server knows by how much: every verified push with
 * new records stores `serverTime − deviceTime` as the device's clock offset. So a pull is fresh
 * when its device time is within PULL_FRESH_MS of the server's clock, or of the server's clock
 * minus that known offset. A device whose wrong clock the server has not seen yet gets no state
 * until its next push (which needs none), never a wrong answer.
 */
import { PULL_FRESH_MS } from './sync-protocol.core';

export function isFreshPull(deviceTime: number, serverTime: number, knownClockOffsetMs: number | null): boolean {
	if (Math.abs(serverTime - deviceTime) <= PULL_FRESH_MS) return true;
	return knownClockOffsetMs !== null && Math.abs(serverTime - knownClockOffsetMs - deviceTime) <= PULL_FRESH_MS;
}
