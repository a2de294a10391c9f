/** How a runner ends early: stopped quietly (another runner or a new sync took over, or shutdown), or failed. */

/** This runner lost the sync (lease taken, sync replaced, aborted): it stops without touching the state. */
export class SyncStopped extends Error {}

/** The sync fails, and the message is what the merchant sees. */
export class SyncFailure extends Error {}
