/** Adds the receipt-check messages to the i18n layer: imported for its side effect by the area's pages. */
import { addMessages } from '../index.svelte';
import { receiptCheckLv } from '../messages/receipt-check.lv';
import { receiptCheckEn } from '../messages/receipt-check.en';

addMessages(receiptCheckLv, receiptCheckEn);
