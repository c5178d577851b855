// Test helpers for this package and for the apps' end-to-end tests: a real pcscd with vpcd, and virtual cards.
export { acquirePcscd, vpcdListening, LOCK_PATH } from './pcscd-harness.node.ts';
export { pcscdReachable, PCSCD_SOCKET } from '../pcscd.node.ts';
export type { PcscdLease, PcscdLeaseOptions } from './pcscd-harness.node.ts';
export { VirtualCard, CARD_PROFILES, VPCD_PORTS } from './virtual-card.node.ts';
export type { CardFault, CardProfile, VirtualCardOptions } from './virtual-card.node.ts';
