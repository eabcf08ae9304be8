/**
 * Stable codes from the engine and the domain rules, turned into words a clerk or a citizen
 * reads. Template-literal keys make the type checker insist that every code has a message.
 */
import type { IdentityField, IdentityProblem } from '$lib/domain/identity.core';
import type { PinProblem } from '$lib/domain/pin';
import type { Reason, RecordState } from '$lib/domain/sync-protocol.core';
import type { RecordType } from '$lib/domain/outbox-record.core';
import { REASONS } from '$lib/domain/sync-protocol.core';
import { t, type Params } from '$lib/i18n/index.svelte';
import type { Locale } from '$lib/i18n/locale';

export function fieldLabel(field: IdentityField, locale?: Locale): string {
	return t(`idform.field.${field}`, undefined, locale);
}

type RequiredField = 'givenName' | 'surname' | 'personalCode' | 'birthDate' | 'documentType' | 'documentNumber' | 'citizenship';

/** The message under a field: "required" says what to do with that very field. */
export function identityProblemText(field: IdentityField, problem: IdentityProblem): string {
	if (problem === 'required' && field !== 'declaredMunicipality' && field !== 'propertyMunicipality' && field !== 'qcPhone' && field !== 'qcConsent') {
		return t(`idform.required.${field as RequiredField}`);
	}
	if (problem === 'unknown_municipality') return t('idform.problem.unknown_municipality');
	return t(`idform.problem.${problem}`);
}

export function pinProblemText(problem: PinProblem, params?: Params): string {
	return t(`pin.problem.${problem}`, params);
}

function isReason(r: string): r is Reason {
	return (REASONS as readonly string[]).includes(r);
}

/** A server reason code in plain words; an unknown code is shown as a generic message with it. */
export function reasonText(reason: string, locale?: Locale): string {
	return isReason(reason) ? t(`sync.reason.${reason}`, undefined, locale) : t('sync.reason.unknown', { code: reason }, locale);
}

export function stateText(state: RecordState | string, locale?: Locale): string {
	const known: RecordState[] = ['pending', 'sent', 'accepted', 'duplicate', 'rejected', 'quarantined'];
	return known.includes(state as RecordState) ? t(`sync.state.${state as RecordState}`, undefined, locale) : state;
}

export function recordTypeText(type: RecordType | string, locale?: Locale): string {
	const known: RecordType[] = ['window.open', 'signature', 'window.close', 'day.close'];
	return known.includes(type as RecordType) ? t(`sync.type.${type as RecordType}`, undefined, locale) : type;
}

export const LOGIN_REASONS = ['offline', 'invalid_credentials', 'rate_limited', 'inactive', 'wrong_office', 'unknown_device', 'not_clerk'] as const;
export type LoginReason = (typeof LOGIN_REASONS)[number];

export function loginReasonText(reason: string, retryAfterSec?: number): string {
	if (!(LOGIN_REASONS as readonly string[]).includes(reason)) return t('login.error.unknown', { code: reason });
	const minutes = Math.max(1, Math.ceil((retryAfterSec ?? 60) / 60));
	return t(`login.error.${reason as LoginReason}`, { minutes });
}

export const ENROLL_REASONS = ['offline', 'invalid_code', 'used', 'expired', 'bad_key', 'rate_limited'] as const;
export type EnrollReason = (typeof ENROLL_REASONS)[number];

export function enrollReasonText(reason: string): string {
	if (!(ENROLL_REASONS as readonly string[]).includes(reason)) return t('enroll.error.unknown', { code: reason });
	return t(`enroll.error.${reason as EnrollReason}`);
}
