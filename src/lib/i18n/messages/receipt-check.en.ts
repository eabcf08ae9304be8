import type { Message } from './lv';
import type { ReceiptCheckMessageKey } from './receipt-check.lv';

export const receiptCheckEn: Record<ReceiptCheckMessageKey, Message> = {
	// Public receipt check (/receipt)
	'receiptCheck.title': 'Check a receipt',
	'receiptCheck.intro':
		'Enter the code from the receipt you got at the customer service centre. You will see where and when you signed and whether your signatures count. No personal data is shown here.',
	'receiptCheck.code': 'Receipt code',
	'receiptCheck.codeHint': '16 letters and digits, for example 7K3M-Q9ZD-4TWX-8H2P. Hyphens and spaces are optional.',
	'receiptCheck.submit': 'Check',
	'receiptCheck.checking': 'Checking…',
	'receiptCheck.problem.empty': 'Type the receipt code.',
	'receiptCheck.problem.length': 'A receipt code has 16 letters and digits.',
	'receiptCheck.problem.characters': 'The code contains a character that receipt codes do not have. Compare it with the receipt.',
	'receiptCheck.problem.check': 'This code is not right: a character was mistyped. Compare it with the receipt.',
	'receiptCheck.notFound': 'This receipt cannot be found yet',
	'receiptCheck.notFoundText':
		'If you signed recently, the office PC may have been offline and has not sent the signatures yet. Please try again later. If the code still cannot be found, contact the office where you signed.',
	'receiptCheck.rateLimited': 'Too many checks in a short time. Please try again in {minutes} min.',
	'receiptCheck.offline': 'The server could not be reached. Check your internet connection and try again.',
	'receiptCheck.resultTitle': 'Receipt found',
	'receiptCheck.office': 'Office',
	'receiptCheck.when': 'Date',
	'receiptCheck.initiatives': 'Initiatives signed',
	'receiptCheck.noSignatures': 'No initiative was signed during this visit.',
	'receiptCheck.status': 'Status',
	'receiptCheck.status.counted': 'Counted',
	'receiptCheck.status.duplicate': 'Already signed before: the first signature counts',
	'receiptCheck.status.rejected': 'Not counted: the signature did not meet the signing rules',
	'receiptCheck.status.revoked': 'Revoked after a quality check',
	'receiptCheck.status.pending': 'Waiting for sync',
	'receiptCheck.pendingNote': 'Some signatures have not been processed yet: the office PC has not sent them. Please try later.',

	'qc.report.title': 'I did not sign this',
	'qc.report.intro':
		'If you did not sign one of these initiatives in this visit (or were not at the centre at all), tell us. Quality control checks it with priority.',
	'qc.report.scope': 'What do you report?',
	'qc.report.wholeVisit': 'I signed nothing in this visit',
	'qc.report.some': 'I did not sign some of these initiatives',
	'qc.report.which': 'Which initiatives did you not sign?',
	'qc.report.submit': 'Continue',
	'qc.report.chooseScope': 'Choose what you report.',
	'qc.report.confirmTitle': 'Report this?',
	'qc.report.confirmText':
		'ManaBalss quality control will call you (if you gave a phone number at the centre) or check the visit with the centre. If it is confirmed that you did not sign, these signatures are annulled and not counted.',
	'qc.report.confirm': 'Yes, report',
	'qc.report.back': 'Back',
	'qc.report.withdrawHint': {
		one: 'If you reported by mistake, you can withdraw it within {count} minute.',
		other: 'If you reported by mistake, you can withdraw it within {count} minutes.'
	},
	'qc.report.withdraw': 'Withdraw the report',
	'qc.report.withdrawn': 'The report is withdrawn. Your signatures stand.',
	'qc.report.withdrawTooLate': 'The report can no longer be withdrawn: more than 10 minutes have passed. Quality control will contact you.',
	'qc.report.withdrawFailed': 'The report could not be withdrawn. Check the connection and try again.',
	'qc.report.sending': 'Sending…',
	'qc.report.chooseOne': 'Tick at least one initiative.',
	'qc.report.doneTitle': 'Thank you, the report is received',
	'qc.report.reference': 'Report number: {reference}',
	'qc.report.nextCallable':
		'What happens next: a quality-control auditor looks at your report first and calls the phone number you gave at the office. If it is confirmed that you did not sign, these signatures are revoked and shown here as “revoked”.',
	'qc.report.nextNoPhone':
		'What happens next: you gave no phone number for quality control at the office, so an auditor checks the visit with the office. If it is confirmed that you did not sign, the signatures are revoked and shown here as “revoked”.',
	'qc.report.already': 'This visit was already reported; your report is added to the same check.',
	'qc.report.failed': 'The report could not be sent. Check the connection and try again.',
	'qc.report.invalid': 'The receipt code is not valid. Check it again above.',
	'qc.report.bad_initiatives': 'The initiatives ticked are not in this visit.',
	'qc.report.statusOpen': 'You reported this visit on {date}: the check is under way.',
	'qc.report.statusDone': 'You reported this visit on {date}: the check is completed.'
};
