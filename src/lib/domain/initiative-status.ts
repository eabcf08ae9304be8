/**
 * The life of an initiative (DESIGN §7): `draft → open → closed → submitted`, one step at a
 * time and never back. A pure rule, so the back office form, the JSON import and the API
 * refuse the same things with the same reason codes.
 *
 * - draft:     being written; not public, not signable.
 * - open:      public; signable between opensAt and closesAt.
 * - closed:    collection has ended; signatures made before the close still arrive from
 *              offline offices within the grace period. Exports are made now.
 * - submitted: handed to the Saeima or the municipality; identities are purged after the
 *              retention period (RETENTION_DAYS), counts stay.
 */

export const INITIATIVE_STATUSES = ['draft', 'open', 'closed', 'submitted'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

const NEXT: Record<InitiativeStatus, InitiativeStatus | null> = {
	draft: 'open',
	open: 'closed',
	closed: 'submitted',
	submitted: null
};

export function isInitiativeStatus(x: unknown): x is InitiativeStatus {
	return typeof x === 'string' && (INITIATIVE_STATUSES as readonly string[]).includes(x);
}

/** The one status an initiative may move to next, or null when it is final. */
export function nextStatus(from: InitiativeStatus): InitiativeStatus | null {
	return NEXT[from];
}

/**
 * Why a transition is refused. Stable codes: the pages translate them
 * (admin.status.problem.<code>) and the tests assert them.
 */
export type TransitionProblem =
	/** Not one of the four statuses. */
	| 'unknown_status'
	/** Already in that status. */
	| 'same_status'
	/** Backwards, e.g. closed → open: reopen by extending the dates of a new initiative instead. */
	| 'backwards'
	/** Jumps a step, e.g. draft → closed. */
	| 'skips_step'
	/** Submitted is final. */
	| 'final'
	/** Opening an initiative whose collection period has already ended. */
	| 'ends_in_past';

export type TransitionCheck = { ok: true } | { ok: false; problem: TransitionProblem };

export interface TransitionContext {
	now: number;
	closesAt: number;
}

export function checkTransition(from: InitiativeStatus, to: unknown, ctx?: TransitionContext): TransitionCheck {
	if (!isInitiativeStatus(to)) return { ok: false, problem: 'unknown_status' };
	if (to === from) return { ok: false, problem: 'same_status' };
	if (from === 'submitted') return { ok: false, problem: 'final' };
	const order = INITIATIVE_STATUSES.indexOf(to) - INITIATIVE_STATUSES.indexOf(from);
	if (order < 0) return { ok: false, problem: 'backwards' };
	if (order > 1) return { ok: false, problem: 'skips_step' };
	if (to === 'open' && ctx && ctx.closesAt <= ctx.now) return { ok: false, problem: 'ends_in_past' };
	return { ok: true };
}

/** What else changes with a valid transition. */
export interface TransitionEffects {
	/** Closing early ends collection now: the signing rules read closesAt, not the status. */
	closesAt?: number;
	/** When it was handed over; retention counts from here. */
	submittedAt?: number;
}

export function transitionEffects(to: InitiativeStatus, ctx: TransitionContext): TransitionEffects {
	if (to === 'closed' && ctx.closesAt > ctx.now) return { closesAt: ctx.now };
	if (to === 'submitted') return { submittedAt: ctx.now };
	return {};
}

/** Fields the back office form may change in each status. */
export interface EditableFields {
	/** The public address: only while nobody outside has seen it. */
	slug: boolean;
	/** Scope and municipality decide who may sign: fixed once signing may have begun. */
	scope: boolean;
	opensAt: boolean;
	closesAt: boolean;
	goal: boolean;
	/** Titles, summaries, bodies: corrections stay possible until it is submitted. */
	texts: boolean;
	onlineCount: boolean;
}

export function editableFields(status: InitiativeStatus): EditableFields {
	switch (status) {
		case 'draft':
			return { slug: true, scope: true, opensAt: true, closesAt: true, goal: true, texts: true, onlineCount: true };
		case 'open':
			return { slug: false, scope: false, opensAt: false, closesAt: true, goal: true, texts: true, onlineCount: true };
		case 'closed':
			return { slug: false, scope: false, opensAt: false, closesAt: false, goal: false, texts: true, onlineCount: true };
		case 'submitted':
			return { slug: false, scope: false, opensAt: false, closesAt: false, goal: false, texts: false, onlineCount: false };
	}
}

/** Signature exports are made of an initiative whose collection has ended. */
export function canExport(status: InitiativeStatus): boolean {
	return status === 'closed' || status === 'submitted';
}
