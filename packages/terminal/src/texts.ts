// The terminal's own messages for the people at the counter (Dutch first). Problems that come from the
// API carry the API's endUserMessage instead.
import type { TerminalProblem, UserText } from '@uitpas/domain';

export const TEXTS = {
  invalidMessage: {
    nl: 'Het scherm stuurde een onleesbaar verzoek. Probeer opnieuw.',
    fr: "L'écran a envoyé une demande illisible. Réessayez.",
    en: 'The screen sent an unreadable request. Try again.',
  },
  internal: {
    nl: 'Er ging iets mis in de kassa. Probeer opnieuw; blijft het fout gaan, herstart de toepassing.',
    fr: "Une erreur s'est produite. Réessayez ; si le problème persiste, redémarrez l'application.",
    en: 'Something went wrong. Try again; if it keeps failing, restart the application.',
  },
  staleIdentification: {
    nl: 'Er is intussen een andere pas gescand. Controleer wie er aan de balie staat.',
    fr: 'Une autre carte a été scannée entre-temps. Vérifiez qui se trouve au comptoir.',
    en: 'Another pass was scanned in the meantime. Check who is at the counter.',
  },
  noPassholder: {
    nl: 'Scan eerst een UiTPAS van een pashouder.',
    fr: "Scannez d'abord une UiTPAS d'un détenteur.",
    en: 'Scan a pass holder’s UiTPAS first.',
  },
  groupPassNoCheckin: {
    nl: 'Met een groepspas kan je niet inchecken.',
    fr: "Un pass de groupe ne permet pas l'enregistrement.",
    en: 'A group pass cannot check in.',
  },
  simulatorOff: {
    nl: 'De simulator staat niet aan op dit toestel.',
    fr: "Le simulateur n'est pas activé sur cet appareil.",
    en: 'The simulator is not enabled on this station.',
  },
  unknownPass: {
    nl: 'Deze pas is onbekend. Controleer het nummer of scan opnieuw.',
    fr: 'Cette carte est inconnue. Vérifiez le numéro ou scannez à nouveau.',
    en: 'This pass is unknown. Check the number or scan again.',
  },
  blockedPass: {
    nl: 'Deze pas is geblokkeerd of verwijderd. Ze kan niet gebruikt worden.',
    fr: 'Cette carte est bloquée ou supprimée. Elle ne peut pas être utilisée.',
    en: 'This pass is blocked or deleted. It cannot be used.',
  },
  blankCard: {
    nl: 'Deze kaart is nog niet geregistreerd. Je kan er een nieuwe pashouder mee registreren.',
    fr: "Cette carte n'est pas encore enregistrée. Vous pouvez l'utiliser pour inscrire un nouveau détenteur.",
    en: 'This card is not registered yet. You can register a new pass holder with it.',
  },
  noTariffOffer: {
    nl: 'Vraag eerst de tarieven op voor deze activiteit.',
    fr: "Demandez d'abord les tarifs de cette activité.",
    en: 'Ask for the tariffs of this activity first.',
  },
  tariffNotOffered: {
    nl: 'Dit tarief werd niet aangeboden of er zijn niet zoveel tickets meer aan dit tarief.',
    fr: "Ce tarif n'a pas été proposé ou il ne reste plus autant de tickets à ce tarif.",
    en: 'This tariff was not offered, or not that many tickets are left at it.',
  },
  unknownActivity: {
    nl: 'Deze activiteit staat niet in de lijst. Laad de activiteiten opnieuw.',
    fr: "Cette activité n'est pas dans la liste. Rechargez les activités.",
    en: 'This activity is not in the list. Reload the activities.',
  },
  notUndoable: {
    nl: 'Deze handeling hoort niet bij de pashouder aan de balie en kan hier niet ongedaan gemaakt worden.',
    fr: "Cette opération n'appartient pas au détenteur présent et ne peut pas être annulée ici.",
    en: 'This action does not belong to the pass holder at the desk and cannot be undone here.',
  },
  noOrganizer: {
    nl: 'Kies eerst de organisatie waarvoor deze balie werkt.',
    fr: "Choisissez d'abord l'organisation de ce comptoir.",
    en: 'Choose the organisation for this counter first.',
  },
  unknownOrganizer: {
    nl: 'Deze balie mag niet werken voor die organisatie.',
    fr: 'Ce comptoir ne peut pas travailler pour cette organisation.',
    en: 'This counter may not act for that organisation.',
  },
} satisfies Record<string, UserText>;

export function problem(
  kind: keyof typeof TEXTS | string,
  message: UserText,
  type?: string,
): TerminalProblem {
  return type === undefined ? { kind, message } : { kind, type, message };
}
