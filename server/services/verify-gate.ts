/**
 * Bounds the argon2 work a process does at once (issue 10 §1). A password check costs tens of
 * milliseconds of CPU; without a bound, a flood of bogus logins queues hundreds of them in
 * libuv's thread pool and a real clerk's login waits seconds behind them. The gate lets a few
 * run (one core is left to the event loop), lets a few more wait their turn, and refuses the
 * rest at once. One client (address or IPv6 /64) holds at most `perClient` places, so one
 * flooding client cannot fill the queue. A client known to be good (a right password from its
 * address lately, services/auth.ts) waits in its own line, served first: a flood from many
 * addresses fills the other line, never that one.
 */
import { availableParallelism } from 'node:os';

export interface GateLimits {
	/** Verifications running at once. */
	running: number;
	/** Verifications waiting for a place, per line; beyond this, refused. */
	waiting: number;
	/** Places (running or waiting) one client may hold. */
	perClient: number;
}

export const VERIFY_GATE: GateLimits = {
	running: Math.min(4, Math.max(1, availableParallelism() - 1)),
	waiting: 16,
	perClient: 2
};

export interface GateStats {
	running: number;
	waiting: number;
	/** Refused since the gate was made. */
	refused: number;
	/** The most that ever ran at once. */
	peakRunning: number;
}

export class VerifyGate {
	private runningNow = 0;
	private readonly lines = { known: [] as (() => void)[], other: [] as (() => void)[] };
	private readonly held = new Map<string, number>();
	private refusedTotal = 0;
	private peak = 0;

	constructor(readonly limits: GateLimits = VERIFY_GATE) {}

	/**
	 * Runs `work` when a place is free; `{ ok: false }` without running it when the gate is full.
	 * `known`: the client is known to be good, and waits in the line served first.
	 */
	async run<T>(client: string, work: () => Promise<T>, known = false): Promise<{ ok: true; value: T } | { ok: false }> {
		const mine = this.held.get(client) ?? 0;
		const mustWait = this.runningNow >= this.limits.running;
		const line = known ? this.lines.known : this.lines.other;
		if (mine >= this.limits.perClient || (mustWait && line.length >= this.limits.waiting)) {
			this.refusedTotal++;
			return { ok: false };
		}
		this.held.set(client, mine + 1);
		try {
			if (mustWait) await new Promise<void>((resolve) => line.push(resolve));
			else this.runningNow++;
			this.peak = Math.max(this.peak, this.runningNow);
			try {
				return { ok: true, value: await work() };
			} finally {
				// The place passes straight to the next in line, so `runningNow` never overshoots.
				const next = this.lines.known.shift() ?? this.lines.other.shift();
				if (next) next();
				else this.runningNow--;
			}
		} finally {
			const left = (this.held.get(client) ?? 1) - 1;
			if (left > 0) this.held.set(client, left);
			else this.held.delete(client);
		}
	}

	stats(): GateStats {
		return { running: this.runningNow, waiting: this.lines.known.length + this.lines.other.length, refused: this.refusedTotal, peakRunning: this.peak };
	}
}
