import type { CatalogInitiative } from '$lib/domain/catalog-protocol';
import type { InitiativePhase } from '$lib/domain/progress';
import { t } from '$lib/i18n/index.svelte';

/** Where an initiative stands, in words: open, closing soon, closed or submitted. */
export function statusText(i: Pick<CatalogInitiative, 'status'>, phase: InitiativePhase): string {
	if (i.status === 'submitted') return t('status.submitted');
	switch (phase) {
		case 'open':
			return t('status.open');
		case 'closing_soon':
			return t('status.closingSoon');
		case 'upcoming':
			return t('status.upcoming');
		default:
			return t('status.closed');
	}
}
