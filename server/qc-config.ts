/**
 * Quality-control settings (DESIGN §6, README "Quality control"): read with the rest of the
 * configuration by server/config.ts. Every threshold of the anomaly signals is here, so a
 * deployment tunes them without code.
 */
import { z } from 'zod';
import { DEFAULT_THRESHOLDS, type SignalThresholds } from '../src/lib/domain/qc-signals';

const rate = (min: number, max: number, def: number) => z.coerce.number().min(min).max(max).default(def);
const int = (min: number, max: number, def: number) => z.coerce.number().int().min(min).max(max).default(def);
const T = DEFAULT_THRESHOLDS;

export const qcEnvSchema = z.object({
	/** The share of visits called (DESIGN §6: default 10 %, 5-20 %). */
	QC_SAMPLE_RATE: rate(0.05, 0.2, 0.1),
	/** The rate for a clerk and an office for QC_RAISED_DAYS after a denied call. */
	QC_RAISED_RATE: rate(0.05, 1, 0.3),
	QC_RAISED_DAYS: int(1, 365, 30),
	/** The rate for a visit with an anomaly flag or a citizen's report. */
	QC_FLAGGED_RATE: rate(0.05, 1, 0.5),
	/** The sampling key (at least 32 characters), or from the key file (server/keys/resolve.ts). */
	QC_SAMPLING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
	/** How long an auditor holds a call they took, in minutes. */
	QC_CLAIM_MINUTES: int(1, 240, 15),
	/** Attempts, on different days, before a call nobody answers is `unreachable`. */
	QC_MAX_ATTEMPTS: int(1, 10, 3),
	/** Full review when the lower end of the 95 % Wilson interval of denied/completed is above this. */
	QC_ERROR_THRESHOLD: rate(0, 1, 0.05),
	QC_FULL_REVIEW_DAYS: int(1, 365, 30),
	QC_SIGNAL_DAY_FACTOR: z.coerce.number().min(1).max(100).default(T.dayFactor),
	QC_SIGNAL_DAY_MIN: int(1, 1000, T.dayMin),
	QC_SIGNAL_BASELINE_DAYS: int(7, 365, T.baselineDays),
	QC_SIGNAL_HOURS_GRACE_MINUTES: int(0, 240, T.hoursGraceMinutes),
	QC_SIGNAL_SHORT_WINDOW_SECONDS: int(1, 3600, T.shortWindowSeconds),
	QC_SIGNAL_SHORT_WINDOW_SIGNATURES: int(2, 100, T.shortWindowSignatures),
	QC_SIGNAL_SHARED_PHONE_PERSONS: int(2, 100, T.sharedPhonePersons),
	QC_SIGNAL_OFFLINE_HOURS: int(1, 24 * 365, T.offlineHours),
	QC_SIGNAL_CLOCK_OFFSET_MINUTES: int(1, 24 * 60, T.clockOffsetMinutes),
	QC_SIGNAL_DENIAL_RATE: rate(0, 1, T.denialRate),
	QC_SIGNAL_DENIAL_MIN_CALLS: int(1, 1000, T.denialMinCalls)
});

export interface QcConfig {
	sampleRate: number;
	raisedRate: number;
	raisedDays: number;
	flaggedRate: number;
	samplingSecret: string | null;
	claimMinutes: number;
	maxAttempts: number;
	errorThreshold: number;
	fullReviewDays: number;
	thresholds: SignalThresholds;
}

export function qcConfigOf(d: z.output<typeof qcEnvSchema>): QcConfig {
	return {
		sampleRate: d.QC_SAMPLE_RATE,
		raisedRate: d.QC_RAISED_RATE,
		raisedDays: d.QC_RAISED_DAYS,
		flaggedRate: d.QC_FLAGGED_RATE,
		samplingSecret: d.QC_SAMPLING_SECRET ?? null,
		claimMinutes: d.QC_CLAIM_MINUTES,
		maxAttempts: d.QC_MAX_ATTEMPTS,
		errorThreshold: d.QC_ERROR_THRESHOLD,
		fullReviewDays: d.QC_FULL_REVIEW_DAYS,
		thresholds: {
			dayFactor: d.QC_SIGNAL_DAY_FACTOR,
			dayMin: d.QC_SIGNAL_DAY_MIN,
			baselineDays: d.QC_SIGNAL_BASELINE_DAYS,
			hoursGraceMinutes: d.QC_SIGNAL_HOURS_GRACE_MINUTES,
			shortWindowSeconds: d.QC_SIGNAL_SHORT_WINDOW_SECONDS,
			shortWindowSignatures: d.QC_SIGNAL_SHORT_WINDOW_SIGNATURES,
			sharedPhonePersons: d.QC_SIGNAL_SHARED_PHONE_PERSONS,
			offlineHours: d.QC_SIGNAL_OFFLINE_HOURS,
			clockOffsetMinutes: d.QC_SIGNAL_CLOCK_OFFSET_MINUTES,
			denialRate: d.QC_SIGNAL_DENIAL_RATE,
			denialMinCalls: d.QC_SIGNAL_DENIAL_MIN_CALLS
		}
	};
}
