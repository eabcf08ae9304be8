/**
 * Bounds the argon2 work a process does at once (issue 10 §1). A password check costs tens of
 * milliseconds of CPU; without a bound, a flood of bogus logins queues hundreds of them in
 * libuv's thread pool and a real clerk's login waits seconds behind them. A login takes a place
 * first (`enter`), before any database work, so a full gate refuses at once and costs nothing;
 * the gate lets a few checks run (one core is left to the event loop) and a few more wait, and
 * one client (address or IPv6 /64) holds at most `perClient` places, so one flooding client
 * cannot fill it. A client known to be good (a right password from its address lately,
 * services/auth.ts) has its own line, served first: a flood from many addresses fills the other.
 */
import { availableParallelism } from 'node:os';

export interface GateLimits {
	/** Verifications running at once. */
	running: number;
	/** Places for logins not running yet, per line (counted from `enter`); beyond this, refused. */
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

type Line = 'known' | 'other';

/** One login's place in the gate: `run` its check once, or `leave` without one. */
export interface Ticket {
	/** Moves the place to the first line (the client turned out to be known). */
	promote(): void;
	run<T>(work: () => Promise<T>): Promise<T>;
	/** Gives the place back if `run` was not called; harmless after it. */
	leave(): void;
}

export class VerifyGate {
	private runningNow = 0;
	private readonly queues: Record<Line, (() => void)[]> = { known: [], other: [] };
	private readonly pending: Record<Line, number> = { known: 0, other: 0 };
	private readonly held = new Map<string, number>();
	private refusedTotal = 0;
	private peak = 0;

	constructor(readonly limits: GateLimits = VERIFY_GATE) {}

	/** A place for `client`, or null when the gate is full for it. */
	enter(client: string, known = false): Ticket | null {
		const mine = this.held.get(client) ?? 0;
		let line: Line = known ? 'known' : 'other';
		const unclaimedRunning = this.runningNow + this.pending.known + this.pending.other < this.limits.running;
		if (mine >= this.limits.perClient || (!unclaimedRunning && this.pending[line] >= this.limits.waiting)) {
			this.refusedTotal++;
			return null;
		}
		this.held.set(client, mine + 1);
		this.pending[line]++;
		let state: 'entered' | 'running' | 'done' = 'entered';
		const release = () => {
			const left = (this.held.get(client) ?? 1) - 1;
			if (left > 0) this.held.set(client, left);
			else this.held.delete(client);
		};
		return {
			promote: () => {
				if (state !== 'entered' || line === 'known') return;
				this.pending.other--;
				this.pending.known++;
				line = 'known';
			},
			leave: () => {
				if (state !== 'entered') return;
				state = 'done';
				this.pending[line]--;
				release();
			},
			run: async <T>(work: () => Promise<T>): Promise<T> => {
				if (state !== 'entered') throw new Error('a gate ticket runs once');
				state = 'running';
				try {
					if (this.runningNow >= this.limits.running) await new Promise<void>((resolve) => this.queues[line].push(resolve));
					else this.runningNow++;
					this.pending[line]--;
					this.peak = Math.max(this.peak, this.runningNow);
					try {
						return await work();
					} finally {
						// The place passes straight to the next in line, so `runningNow` never overshoots.
						const next = this.queues.known.shift() ?? this.queues.other.shift();
						if (next) next();
						else this.runningNow--;
					}
				} finally {
					state = 'done';
					release();
				}
			}
		};
	}

	/** Runs `work` when a place is free; `{ ok: false }` without running it when the gate is full. */
	async run<T>(client: string, work: () => Promise<T>, known = false): Promise<{ ok: true; value: T } | { ok: false }> {
		const ticket = this.enter(client, known);
		if (!ticket) return { ok: false };
		return { ok: true, value: await ticket.run(work) };
	}

	stats(): GateStats {
		return { running: this.runningNow, waiting: this.pending.known + this.pending.other, refused: this.refusedTotal, peakRunning: this.peak };
	}
}
