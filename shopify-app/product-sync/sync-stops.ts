/** Why a running product sync stops before its end; run-sync.ts tells them apart. */

/** The sync's lease went to another runner (this one stalled past it). */
export class LeaseLost extends Error {}
/** The sync's signal fired: stop where it stands, as a stopped process would. */
export class Stopped extends Error {}
/** Shopify refused or failed a read; the message is the failure's (safe to show). */
export class ReadFailed extends Error {}
