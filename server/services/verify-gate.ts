/**
 * Bounds the argon2 work a process does at once (issue 10 §1). A password check costs tens of
 * milliseconds of CPU; without a bound, a flood of bogus logins queues hundreds of them in
 * libuv's thread pool and a real clerk's login waits seconds behind them. The gate lets a few
 * run, lets a few more wait their turn, and refuses the rest at once. One client (address or
 * IPv6 /64) holds at most `perClient` places, so one flooding client cannot fill the queue.
 */
export interface GateLimits {
	/** Verifications running at once. */
	running: number;
	/** Verifications waiting for a place; beyond this, refused. */
	waiting: number;
	/** Places (running or waiting) one client may hold. */
	perClient: number;
}

export const VERIFY_GATE: GateLimits = { running: 2, waiting: 16, perClient: 2 };

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
	private readonly queue: (() => void)[] = [];
	private readonly held = new Map<string, number>();
	private refusedTotal = 0;
	private peak = 0;

	constructor(readonly limits: GateLimits = VERIFY_GATE) {}

	/** Runs `work` when a place is free; `{ ok: false }` without running it when the gate is full. */
	async run<T>(client: string, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
		const mine = this.held.get(client) ?? 0;
		const mustWait = this.runningNow >= this.limits.running;
		if (mine >= this.limits.perClient || (mustWait && this.queue.length >= this.limits.waiting)) {
			this.refusedTotal++;
			return { ok: false };
		}
		this.held.set(client, mine + 1);
		try {
			if (mustWait) await new Promise<void>((resolve) => this.queue.push(resolve));
			else this.runningNow++;
			this.peak = Math.max(this.peak, this.runningNow);
			try {
				return { ok: true, value: await work() };
			} finally {
				// The place passes straight to the next in line, so `runningNow` never overshoots.
				const next = this.queue.shift();
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
		return { running: this.runningNow, waiting: this.queue.length, refused: this.refusedTotal, peakRunning: this.peak };
	}
}
