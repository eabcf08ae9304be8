/**
 * Billing per office per month (DESIGN §7): assisted windows (windows the server accepted)
 * and visits (windows with at least one accepted signature), times the fee per visit from
 * BILLING_FEE_EUR. Grouped by the office's municipality, which is who is invoiced.
 */
import { billingLine, centsToDecimal, monthRange, sumLines, type BillingLine, type Month } from '../../../src/lib/domain/billing';
import { sortByText } from '../../../src/lib/domain/format';
import { municipalityName } from '../../../src/lib/domain/municipalities';
import type { App } from '../../app-context';
import { officesForAdmin } from '../../repositories/admin-catalog';
import { windowsAndVisitsByOffice } from '../../repositories/admin-signatures';
import { csvDocument, type CsvValue } from './csv';
import { adminText, type Locale } from './labels';

export interface BillingOffice extends BillingLine {
	officeId: string;
	slug: string;
	nameLv: string;
	nameEn: string;
	active: boolean;
}

export interface BillingMunicipality {
	code: string;
	offices: BillingOffice[];
	total: BillingLine;
}

export interface BillingReport {
	month: Month;
	feeCents: number;
	municipalities: BillingMunicipality[];
	total: BillingLine;
}

/** Every KAC (with or without visits, so a month with none reads as none) and any office with windows. */
export async function billingReport(app: App, month: Month, o: { municipality?: string; locale?: Locale } = {}): Promise<BillingReport> {
	const db = app.database.db;
	const locale = o.locale ?? 'lv';
	const fee = app.config.billingFeeCents;
	const { from, to } = monthRange(month);
	const [counts, offices] = await Promise.all([windowsAndVisitsByOffice(db, from, to), officesForAdmin(db)]);
	const byOffice = new Map(counts.map((c) => [c.officeId, c]));
	const groups = new Map<string, BillingOffice[]>();
	for (const office of offices) {
		const c = byOffice.get(office.id);
		if (office.kind !== 'kac' && !c) continue;
		if (o.municipality && office.municipality !== o.municipality) continue;
		const line: BillingOffice = {
			officeId: office.id,
			slug: office.slug,
			nameLv: office.name_lv,
			nameEn: office.name_en,
			active: office.active === 1,
			...billingLine({ windows: c?.windows ?? 0, visits: c?.visits ?? 0 }, fee)
		};
		const list = groups.get(office.municipality) ?? [];
		list.push(line);
		groups.set(office.municipality, list);
	}
	const municipalities = sortByText([...groups.keys()], (code) => municipalityName(code, locale), locale).map((code) => {
		const list = sortByText(groups.get(code)!, (l) => (locale === 'en' ? l.nameEn : l.nameLv), locale);
		return { code, offices: list, total: sumLines(list, fee) };
	});
	return { month, feeCents: fee, municipalities, total: sumLines(municipalities.map((m) => m.total), fee) };
}

export function billingCsv(report: BillingReport, locale: Locale): string {
	const h = (k: Parameters<typeof adminText>[0]) => adminText(k, locale);
	const rows: CsvValue[][] = [
		[
			h('admin.csv.month'),
			h('admin.csv.municipality'),
			h('admin.csv.office'),
			h('admin.csv.officeCode'),
			h('admin.csv.windows'),
			h('admin.csv.visits'),
			h('admin.csv.fee'),
			h('admin.csv.amount')
		]
	];
	for (const m of report.municipalities) {
		for (const o of m.offices) {
			rows.push([
				report.month,
				municipalityName(m.code, locale),
				locale === 'en' ? o.nameEn : o.nameLv,
				o.slug,
				o.windows,
				o.visits,
				centsToDecimal(o.feeCents, locale === 'en' ? '.' : ','),
				centsToDecimal(o.amountCents, locale === 'en' ? '.' : ',')
			]);
		}
	}
	rows.push([
		report.month,
		h('admin.csv.group.total'),
		'',
		'',
		report.total.windows,
		report.total.visits,
		centsToDecimal(report.feeCents, locale === 'en' ? '.' : ','),
		centsToDecimal(report.total.amountCents, locale === 'en' ? '.' : ',')
	]);
	return csvDocument(rows);
}
