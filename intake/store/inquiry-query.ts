/**
 * How the team's console and the `inquiries` CLI ask the store for inquiries: one filter, one page shape,
 * one detail record, the same on SQLite and PostgreSQL (`IntakeStore.listInquiries`, `inquiryDetail`,
 * `forwardAgain`, `queueMissing`). Import them from here.
 *
 * - {@link InquiryFilter}: every field narrows, an absent one does not; text is a folded substring match.
 * - {@link PageRequest} / {@link InquiryPage}: newest first, keyset pages (`before` = the previous `next`),
 *   the exact total, and the page's undelivered messages.
 * - {@link InquiryDetail}: one inquiry with its messages, state history and uploads.
 *
 * The types are declared in `store.ts`, beside the records they hold, so that the store's interface and
 * this contract do not import each other (no-circular in .dependency-cruiser.cjs).
 */
export type { InquiryDetail, InquiryFilter, InquiryPage, PageRequest } from './store.ts';
