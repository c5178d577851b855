// Rule inputs are the API's own shapes (generated from the OpenAPI definition), so the sandbox, the
// reference cache and the terminal can pass what they received without mapping.
import type { components } from '../generated/uitpas-api.ts';

type Schemas = components['schemas'];

export type ApiCard = Schemas['Card'];
export type ApiCardStatus = Schemas['Card']['status'];
export type ApiCardSystem = Schemas['CardSystem'];
export type ApiCardSystemMembership = Schemas['CardSystemMembership'];
export type ApiPassholder = Schemas['Passholder'];
export type ApiPass = Schemas['Pass'];
export type ApiGrouppass = Schemas['Grouppass'];
export type ApiReward = Schemas['Reward'];
export type ApiPeriod = Schemas['Period'];
export type ApiEventSettings = Schemas['EventSettings'];
export type ApiPeriodLimit = Schemas['PeriodLimit'];
export type ApiTariffAvailability = Schemas['TariffAvailibility'];
export type ApiTariffsResponse = Schemas['TariffsResponse'];
export type ApiGrantedCoupon = Schemas['GrantedCoupon'];
export type ApiEventCardSystem = Schemas['EventCardSystem'];
export type ApiOrganizerPermissions = Schemas['OrganizerPermissions'];
export type ApiPermission = Schemas['Permission'];
