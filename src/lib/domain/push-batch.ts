/**
 * Where a verified push's records stand against what the server already holds of the device's
 * chain (DESIGN §4, step 7 of server/services/sync.ts), as a pure rule: the records (sorted by
 * seq, their hashes already checked to chain), the device's head, and the stored hash of each
 * old seq in; a verdict out. The service holds the lock, gathers these facts and acts on it.
 *
 * - tampered: an old seq the server holds with another hash (or does not hold at all), or a
 *   first new record that does not chain onto the stored head;
 * - replay:   nothing new: every record is one the server holds, and gets its stored result;
 * - gap:      the new records start after lastSeq + 1 (the device sends again from lastSeq);
 * - apply:    the new records continue the chain.
 */

export interface ChainLink {
	seq: number;
	hash: string;
	prevHash: string;
}

export interface ChainHead {
	lastSeq: number;
	lastHash: string;
}

export type BatchVerdict = 'tampered' | 'replay' | 'gap' | 'apply';

export interface BatchSplit<R extends ChainLink> {
	verdict: BatchVerdict;
	/** Records at or before lastSeq. */
	old: R[];
	/** Records after lastSeq, in seq order. */
	fresh: R[];
}

export function batchVerdict<R extends ChainLink>(
	sorted: readonly R[],
	head: ChainHead,
	storedHash: (seq: number) => string | undefined
): BatchSplit<R> {
	const old = sorted.filter((r) => r.seq <= head.lastSeq);
	const fresh = sorted.filter((r) => r.seq > head.lastSeq);
	const rewritten = old.some((r) => storedHash(r.seq) !== r.hash);
	const forked = fresh.length > 0 && fresh[0].seq === head.lastSeq + 1 && fresh[0].prevHash !== head.lastHash;
	const verdict: BatchVerdict =
		rewritten || forked ? 'tampered' : fresh.length === 0 ? 'replay' : fresh[0].seq !== head.lastSeq + 1 ? 'gap' : 'apply';
	return { verdict, old, fresh };
}
