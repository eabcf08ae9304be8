/**
 * Exports for the Saeima or a municipality (DESIGN §7). The signature export is the one place
 * identities are decrypted: an administrator gives a reason, which makes a one-time ticket;
 * using the ticket appends the audit entry (with the reason) and streams the CSV. Rows are read
 * in keyset pages and decrypted one at a time with the server's sealing key, so the server
 * holds one page however many signatures there are, and a slow download slows the reading.
 */
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../node-crypto';
import type { Selectable } from 'kysely';
import { rigaDateOf } from '../../../src/lib/domain/dates';
import { formatDate, formatDateTime, sortByText } from '../../../src/lib/domain/format';
import { identitySchema, type Identity } from '../../../src/lib/domain/identity';
import { canExport, type InitiativeStatus } from '../../../src/lib/domain/initiative-status';
import { municipalityName } from '../../../src/lib/domain/municipalities';
import { sealedBox } from '../../../src/lib/domain/sealed-box.schema';
import type { App } from '../../app-context';
import type { InitiativeTable, OfficeTable } from '../../db/schema';
import { log as rootLog } from '../../log';
import {
	acceptedByDeclaredMunicipality,
	acceptedByOffice,
	acceptedByChannel,
	acceptedSignaturesPage,
	countAcceptedSignatures,
	signingTimesPage,
	type ExportCursor
} from '../../repositories/admin-signatures';
import { officesForAdmin } from '../../repositories/admin-catalog';
import { deleteExportTicketsBefore, insertExportTicket, useExportTicket } from '../../repositories/export-tickets';
import { initiativeById } from '../../repositories/initiatives';
import { appendAuditBy, recordAudit, type Actor } from '../audit';
import { CSV_BOM, csvDocument, csvRow, type CsvValue } from './csv';
import { adminText, isLocale, type Locale } from './labels';
import { FORM, type Problems } from './problems';

type InitiativeRow = Selectable<InitiativeTable>;
type OfficeRow = Selectable<OfficeTable>;

export const EXPORT_PAGE_SIZE = 500;
export const TICKET_TTL_MS = 10 * 60_000;
export const MIN_REASON_LENGTH = 10;
export const MAX_REASON_LENGTH = 500;

/** Why an initiative cannot be exported now, or null when it can. */
export function exportBlocker(initiative: InitiativeRow): string | null {
	if (!canExport(initiative.status as InitiativeStatus)) return 'not_closed';
	if (initiative.identities_purged_at !== null) return 'identities_purged';
	return null;
}

function ticketId(token: string) {
	return sha256Hex(`klatiene-export:${token}`);
}

/** Step 1: the administrator says why. Returns a one-time token for the download. */
export async function requestSignatureExport(
	app: App,
	initiativeId: string,
	form: { reason: string; locale: string },
	actor: Actor
): Promise<{ ok: true; token: string; expiresAt: number } | { ok: false; problems: Problems }> {
	const db = app.database.db;
	const now = app.now();
	const initiative = await initiativeById(db, initiativeId);
	if (!initiative) return { ok: false, problems: { [FORM]: 'not_found' } };
	const blocker = exportBlocker(initiative);
	if (blocker) return { ok: false, problems: { [FORM]: blocker } };
	const reason = form.reason.replace(/\s+/g, ' ').trim();
	const problems: Problems = {};
	if (!reason) problems.reason = 'required';
	else if (reason.length < MIN_REASON_LENGTH) problems.reason = 'reason_too_short';
	else if (reason.length > MAX_REASON_LENGTH) problems.reason = 'too_long';
	if (!isLocale(form.locale)) problems.locale = 'required';
	if (Object.keys(problems).length || !actor.id) return { ok: false, problems };
	await deleteExportTicketsBefore(db, now - 24 * 3_600_000);
	const token = randomBytes(32).toString('base64url');
	const expiresAt = now + TICKET_TTL_MS;
	await insertExportTicket(db, {
		id: ticketId(token),
		staff_id: actor.id,
		initiative_id: initiative.id,
		reason,
		locale: form.locale,
		created_at: now,
		expires_at: expiresAt,
		used_at: null
	});
	return { ok: true, token, expiresAt };
}

export interface ExportProgress {
	/** Rows read from the database so far. */
	fetched: number;
	/** Rows written to the stream so far. */
	written: number;
	/** Identities that could not be opened (a row with a marker is written instead). */
	unreadable: number;
}

export interface StreamOptions {
	pageSize?: number;
	/** Called after each page is read (tests watch that reading never runs ahead). */
	onPage?: (p: ExportProgress) => void;
	/** Awaited before the stream ends, so what it records is there when the download completes. */
	onDone?: (p: ExportProgress) => void | Promise<void>;
	onCancel?: (p: ExportProgress) => void | Promise<void>;
}

/** '16117519997' → '161175-19997': with the hyphen a spreadsheet keeps the code as text. */
export function formatPersonalCode(code: string): string {
	return /^\d{11}$/.test(code) ? `${code.slice(0, 6)}-${code.slice(6)}` : code;
}

const COLUMNS = [
	'admin.csv.no',
	'admin.csv.givenName',
	'admin.csv.surname',
	'admin.csv.personalCode',
	'admin.csv.birthDate',
	'admin.csv.signedAt',
	'admin.csv.channel',
	'admin.csv.office',
	'admin.csv.officeMunicipality',
	'admin.csv.citizenship',
	'admin.csv.residence',
	'admin.csv.property',
	'admin.csv.signatureId'
] as const;

function citizenshipLabel(code: string | null, locale: Locale): string {
	if (code === 'LV') return adminText('admin.csv.citizenship.lv', locale);
	if (code === 'LV-NC') return adminText('admin.csv.citizenship.nc', locale);
	return code ?? '';
}

function municipalities(json: string | null, locale: Locale): string {
	if (!json) return '';
	try {
		return (JSON.parse(json) as string[]).map((c) => municipalityName(c, locale)).join(', ');
	} catch {
		return '';
	}
}

/**
 * The CSV of an initiative's accepted signatures, as a pull stream: a page is read and
 * decrypted only when the reader asks for more (highWaterMark 0), so nothing runs ahead of
 * the download.
 */
export function signatureCsvStream(app: App, initiative: InitiativeRow, locale: Locale, o: StreamOptions = {}): ReadableStream<Uint8Array> {
	const db = app.database.db;
	const pageSize = o.pageSize ?? EXPORT_PAGE_SIZE;
	const encoder = new TextEncoder();
	const progress: ExportProgress = { fetched: 0, written: 0, unreadable: 0 };
	let cursor: ExportCursor | null = null;
	let started = false;
	let offices: Map<string, OfficeRow> | null = null;
	const channel = adminText('admin.csv.channel.in_person', locale);
	const unreadable = adminText('admin.csv.unreadable', locale);

	async function identityOf(box: string): Promise<Identity | null> {
		try {
			const parsed = sealedBox.safeParse(JSON.parse(box));
			if (!parsed.success) return null;
			const value = identitySchema.safeParse(await app.secrets.openIdentity(parsed.data));
			return value.success ? value.data : null;
		} catch {
			return null;
		}
	}

	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				try {
					if (!started) {
						started = true;
						offices = new Map((await officesForAdmin(db)).map((r) => [r.id, r]));
						controller.enqueue(encoder.encode(CSV_BOM + csvRow(COLUMNS.map((k) => adminText(k, locale)))));
						return;
					}
					const page = await acceptedSignaturesPage(db, initiative.id, cursor, pageSize);
					progress.fetched += page.length;
					o.onPage?.({ ...progress });
					if (!page.length) {
						await o.onDone?.({ ...progress });
						controller.close();
						return;
					}
					let chunk = '';
					// One at a time: each row's identity is opened, written and let go.
					for (const r of page) {
						const identity = r.identity_purged_at === null ? await identityOf(r.identity_box) : null;
						if (!identity) progress.unreadable++;
						const office = offices!.get(r.office_id);
						const cells: CsvValue[] = [
							progress.written + 1,
							identity?.givenName ?? unreadable,
							identity?.surname ?? '',
							identity ? formatPersonalCode(identity.personalCode) : '',
							identity ? formatDate(identity.birthDate, locale) : '',
							formatDateTime(Number(r.signed_at), locale),
							r.channel === 'in_person' ? channel : r.channel,
							office ? (locale === 'en' ? office.name_en : office.name_lv) : r.office_id,
							office ? municipalityName(office.municipality, locale) : '',
							citizenshipLabel(r.citizenship, locale),
							r.declared_municipality ? municipalityName(r.declared_municipality, locale) : '',
							municipalities(r.property_municipalities, locale),
							r.id
						];
						chunk += csvRow(cells);
						progress.written++;
					}
					const last = page[page.length - 1];
					cursor = { signedAt: Number(last.signed_at), id: last.id };
					controller.enqueue(encoder.encode(chunk));
				} catch (e) {
					controller.error(e);
				}
			},
			async cancel() {
				await o.onCancel?.({ ...progress });
			}
		},
		{ highWaterMark: 0 }
	);
}

export function exportFilename(kind: 'signatures' | 'summary', initiative: InitiativeRow, now: number): string {
	return `${kind === 'signatures' ? 'paraksti' : 'kopsavilkums'}-${initiative.slug}-${rigaDateOf(now)}.csv`;
}

export type StartedExport =
	| { ok: true; stream: ReadableStream<Uint8Array>; filename: string; rows: number }
	| { ok: false; problem: 'invalid_ticket' | 'not_found' | 'not_closed' | 'identities_purged' };

/**
 * Step 2: uses the ticket, appends the audit entry (with the reason) in the same transaction,
 * and returns the stream. The end of the stream, or a download broken off, is logged too.
 */
export async function startSignatureExport(app: App, initiativeId: string, token: string, actor: Actor, o: StreamOptions = {}): Promise<StartedExport> {
	const db = app.database.db;
	const now = app.now();
	if (!actor.id || !token || token.length > 100) return { ok: false, problem: 'invalid_ticket' };
	const started = await db.transaction().execute(async (trx) => {
		const ticket = await useExportTicket(trx, ticketId(token), actor.id!, now);
		if (!ticket || ticket.initiative_id !== initiativeId) return { ok: false as const, problem: 'invalid_ticket' as const };
		const initiative = await initiativeById(trx, initiativeId);
		if (!initiative) return { ok: false as const, problem: 'not_found' as const };
		const blocker = exportBlocker(initiative);
		if (blocker) return { ok: false as const, problem: blocker as 'not_closed' | 'identities_purged' };
		const rows = await countAcceptedSignatures(trx, initiativeId);
		await appendAuditBy(
			trx,
			actor,
			'export.signatures',
			{ type: 'initiative', id: initiativeId },
			{ slug: initiative.slug, reason: ticket.reason, rows, locale: ticket.locale, format: 'csv' },
			now
		);
		return { ok: true as const, initiative, rows, locale: ticket.locale as Locale };
	});
	// A ticket is spent by any attempt with it; a refused one asks for a new reason.
	if (!started.ok) return started;
	const log = (action: string, p: ExportProgress) =>
		recordAudit(
			db,
			{ actorType: actor.type, actorId: actor.id, action, subjectType: 'initiative', subjectId: initiativeId, details: { rows: p.written, unreadable: p.unreadable } },
			app.now()
		).catch((err) => rootLog.error({ err, action, initiative: initiativeId }, 'export audit failed'));
	const stream = signatureCsvStream(app, started.initiative, isLocale(started.locale) ? started.locale : 'lv', {
		...o,
		async onDone(p) {
			await o.onDone?.(p);
			await log('export.signatures.completed', p);
		},
		async onCancel(p) {
			await o.onCancel?.(p);
			await log('export.signatures.aborted', p);
		}
	});
	return { ok: true, stream, filename: exportFilename('signatures', started.initiative, now), rows: started.rows };
}

// ---------------------------------------------------------------------------------------------
// Summary: counts per channel, municipality, office and day (no personal data)
// ---------------------------------------------------------------------------------------------

export interface InitiativeSummary {
	total: number;
	inPerson: number;
	online: number;
	municipalities: { code: string | null; n: number }[];
	offices: { id: string; slug: string; nameLv: string; nameEn: string; municipality: string; n: number }[];
	days: { date: string; n: number }[];
}

export async function initiativeSummary(app: App, initiative: InitiativeRow, locale: Locale = 'lv'): Promise<InitiativeSummary> {
	const db = app.database.db;
	const [channels, byOffice, byMunicipality, offices] = await Promise.all([
		acceptedByChannel(db, initiative.id),
		acceptedByOffice(db, initiative.id),
		acceptedByDeclaredMunicipality(db, initiative.id),
		officesForAdmin(db)
	]);
	const officeById = new Map(offices.map((o) => [o.id, o]));
	const days = new Map<string, number>();
	// Riga's offset is whole hours: one date lookup per hour, not per signature.
	const dateOfHour = new Map<number, string>();
	let cursor: ExportCursor | null = null;
	for (;;) {
		const page = await signingTimesPage(db, initiative.id, cursor, 5000);
		if (!page.length) break;
		for (const r of page) {
			const hour = Math.floor(Number(r.signed_at) / 3_600_000);
			let date = dateOfHour.get(hour);
			if (!date) {
				date = rigaDateOf(hour * 3_600_000);
				dateOfHour.set(hour, date);
			}
			days.set(date, (days.get(date) ?? 0) + 1);
		}
		const last = page[page.length - 1];
		cursor = { signedAt: Number(last.signed_at), id: last.id };
	}
	const inPerson = channels.find((c) => c.channel === 'in_person')?.n ?? 0;
	const online = Number(initiative.online_count);
	return {
		total: inPerson + online,
		inPerson,
		online,
		municipalities: sortByText(byMunicipality, (m) => (m.municipality ? municipalityName(m.municipality, locale) : '\uffff'), locale).map((m) => ({
			code: m.municipality,
			n: m.n
		})),
		offices: sortByText(
			byOffice.map((o) => {
				const office = officeById.get(o.officeId);
				return {
					id: o.officeId,
					slug: office?.slug ?? o.officeId,
					nameLv: office?.name_lv ?? o.officeId,
					nameEn: office?.name_en ?? o.officeId,
					municipality: office?.municipality ?? '',
					n: o.n
				};
			}),
			(o) => (locale === 'en' ? o.nameEn : o.nameLv),
			locale
		),
		days: [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, n]) => ({ date, n }))
	};
}

/** The summary as one flat table (group; key; name; signatures), so it parses back as data. */
export function summaryCsv(summary: InitiativeSummary, locale: Locale): string {
	const g = (k: 'channel' | 'municipality' | 'office' | 'day' | 'total') => adminText(`admin.csv.group.${k}`, locale);
	const rows: CsvValue[][] = [
		[adminText('admin.csv.group', locale), adminText('admin.csv.key', locale), adminText('admin.csv.name', locale), adminText('admin.csv.signatures', locale)],
		[g('channel'), 'in_person', adminText('admin.csv.channel.in_person', locale), summary.inPerson],
		[g('channel'), 'online', adminText('admin.csv.channel.online', locale), summary.online],
		...summary.municipalities.map((m) => [
			g('municipality'),
			m.code ?? '',
			m.code ? municipalityName(m.code, locale) : adminText('admin.csv.notStated', locale),
			m.n
		]),
		...summary.offices.map((o) => [g('office'), o.slug, locale === 'en' ? o.nameEn : o.nameLv, o.n]),
		...summary.days.map((d) => [g('day'), d.date, formatDate(d.date, locale), d.n]),
		[g('total'), '', '', summary.total]
	];
	return csvDocument(rows);
}
