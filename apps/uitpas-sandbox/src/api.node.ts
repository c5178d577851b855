// The UiTPAS API v4 operations the counter and kiosk use, with publiq's business rules (DOMAIN.md).
// Requests reach these handlers authenticated and validated against the official definition; every
// handler runs synchronously against SQLite, so a check and its write can never interleave with another request.
import { postCheckin, getCheckinStatus, getCheckins, deleteCheckin } from './api/checkins.node.ts';
import {
  getTariffs,
  getStaticTariffs,
  postTicketSales,
  getTicketSales,
  deleteTicketSale,
} from './api/tickets.node.ts';
import {
  getRewards,
  getReward,
  getRedeemStatus,
  postRedeemed,
  getRedeemed,
  deleteRedeemed,
} from './api/rewards.node.ts';
import {
  getPermissions,
  getOrganizer,
  getCardSystems,
  getCardSystem,
  getPass,
  getPassholders,
  getPassholder,
  postPassholder,
  putPassholder,
  getMembershipPrice,
  getMembershipPreview,
  getPassholderPrivate,
  postMembership,
  getCards,
  getGrouppasses,
} from './api/passholders.node.ts';
import {
  putKioskSetup,
  getKioskDevice,
  getKioskEvent,
  putKioskEvent,
  deleteKioskEvent,
  getKioskCheckins,
  postKioskCheckin,
  getKioskChip,
} from './api/kiosk.node.ts';
import type { Ctx } from './api/context.node.ts';
import type { Reply } from './problems.ts';

export type { Ctx, Principal } from './api/context.node.ts';

export const API_HANDLERS: Record<string, (ctx: Ctx) => Reply> = {
  'GET /permissions': getPermissions,
  'GET /organizers/{id}': getOrganizer,
  'GET /card-systems': getCardSystems,
  'GET /card-systems/{cardSystemId}': getCardSystem,
  'GET /passes': getPass,
  'GET /passholders': getPassholders,
  'POST /passholders': postPassholder,
  'GET /passholders/{passholderId}': getPassholder,
  'GET /passholders/{passholderId}/private': getPassholderPrivate,
  'PUT /passholders/{passholderId}': putPassholder,
  'GET /passholders/membership-prices/{cardSystemId}': getMembershipPrice,
  'GET /passholders/{passholderId}/memberships/{cardSystemId}': getMembershipPreview,
  'POST /passholders/{passholderId}/memberships/{cardSystemId}': postMembership,
  'GET /cards': getCards,
  'GET /grouppasses': getGrouppasses,
  'POST /checkins': postCheckin,
  'GET /checkins': getCheckins,
  'DELETE /checkins/{checkinId}': deleteCheckin,
  'GET /checkin-status': getCheckinStatus,
  'GET /tariffs': getTariffs,
  'GET /tariffs/static': getStaticTariffs,
  'POST /ticket-sales': postTicketSales,
  'GET /ticket-sales': getTicketSales,
  'DELETE /ticket-sales/{ticketSaleId}': deleteTicketSale,
  'GET /rewards': getRewards,
  'GET /rewards/{rewardId}': getReward,
  'GET /rewards/{rewardId}/redeem-status': getRedeemStatus,
  'POST /rewards/redeemed': postRedeemed,
  'GET /rewards/redeemed': getRedeemed,
  'DELETE /rewards/redeemed/{redeemedRewardId}': deleteRedeemed,
  'PUT /kiosk-devices/setup': putKioskSetup,
  'GET /kiosk-devices': getKioskDevice,
  'GET /kiosk-devices/events': getKioskEvent,
  'PUT /kiosk-devices/events': putKioskEvent,
  'DELETE /kiosk-devices/events': deleteKioskEvent,
  'GET /kiosk-devices/checkins': getKioskCheckins,
  'POST /kiosk-devices/checkins': postKioskCheckin,
  'GET /kiosk-devices/chip-numbers/{chipNumber}': getKioskChip,
};
