// The kiosk's texts in the visitor's language. Dutch first; French, English and German for visitors.
// The IT staff's screens have their own catalogue in staff-texts.ts.
import type { KioskLanguage, KioskTapOutcome, UserText } from '@uitpas/domain';

export const LANGUAGES: { code: KioskLanguage; name: string }[] = [
  { code: 'nl', name: 'Nederlands' },
  { code: 'fr', name: 'Français' },
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
];

type Catalogue = {
  holdCard: string;
  readerPositionDefault: string;
  pointsPerVisit: (n: number) => string;
  currentActivity: string;
  noActivity: string;
  qrCaption: string;
  readerUnavailable: string;
  offline: string;
  connecting: string;
  chooseLanguage: string;
  saved: (n: number) => string;
  total: (n: number) => string;
  queued: string;
  queuedDetail: string;
  outcomes: Record<Exclude<KioskTapOutcome, 'saved' | 'queued'>, string>;
  toDesk: string;
  rewardsTitle: string;
  rewardsNote: string;
  rewardPoints: (n: number) => string;
  rewardReachable: string;
  rewardMissing: (n: number) => string;
  done: string;
  stillThere: string;
  countdown: (s: number) => string;
  stay: string;
};

const nl: Catalogue = {
  holdCard: 'Hou je UiTPAS tegen de lezer',
  readerPositionDefault: 'De lezer zit onder het scherm.',
  pointsPerVisit: (n) => (n === 1 ? 'Je spaart 1 punt' : `Je spaart ${n} punten`),
  currentActivity: 'Nu',
  noActivity: 'Er is nu geen activiteit om punten voor te sparen.',
  qrCaption: 'Spaar met je smartphone: scan deze code met de UiTPAS-app.',
  readerUnavailable: 'De kaartlezer werkt even niet. Spaar met de UiTPAS-app of ga langs de balie.',
  offline: 'Geen verbinding met UiTPAS. Je tap wordt bewaard en je punten worden later toegevoegd.',
  connecting: 'Even geduld, de zuil start op…',
  chooseLanguage: 'Kies je taal',
  saved: (n) => (n === 1 ? 'Je spaarde 1 punt' : `Je spaarde ${n} punten`),
  total: (n) => (n === 1 ? 'Je hebt nu 1 punt.' : `Je hebt nu ${n} punten.`),
  queued: 'Je tap is bewaard',
  queuedDetail: 'Je punten worden toegevoegd zodra de zuil weer verbinding heeft.',
  outcomes: {
    'already-saved': 'Je spaarde vandaag al een punt voor deze activiteit.',
    'activity-over': 'Voor deze activiteit kan je nu geen punten sparen.',
    'no-activity': 'Er is nu geen activiteit om punten voor te sparen.',
    'card-blocked': 'Deze kaart kan je hier niet gebruiken.',
    'unknown-card': 'We herkennen deze kaart niet.',
    refused: 'Sparen lukte niet.',
    'not-a-card': 'Hou je UiTPAS-kaart tegen de lezer, of scan de QR-code met de UiTPAS-app.',
  },
  toDesk: 'Ga even langs de balie, daar helpen ze je verder.',
  rewardsTitle: 'Voordelen om te ruilen',
  rewardsNote: 'Ruilen doe je aan de balie.',
  rewardPoints: (n) => (n === 1 ? '1 punt' : `${n} punten`),
  rewardReachable: 'Dat kan nu!',
  rewardMissing: (n) => (n === 1 ? 'Nog 1 punt' : `Nog ${n} punten`),
  done: 'Klaar',
  stillThere: 'Ben je er nog?',
  countdown: (s) => `Het scherm begint opnieuw over ${s} seconden.`,
  stay: 'Ik ben er nog',
};

// French puts a no-break space before : ? ! so they never start a line.
const fr: Catalogue = {
  holdCard: 'Présentez votre UiTPAS devant le lecteur',
  readerPositionDefault: "Le lecteur se trouve sous l'écran.",
  pointsPerVisit: (n) => (n === 1 ? 'Vous épargnez 1 point' : `Vous épargnez ${n} points`),
  currentActivity: 'Maintenant',
  noActivity: "Aucune activité n'est ouverte à l'épargne de points pour le moment.",
  qrCaption: "Épargnez avec votre smartphone\u00a0: scannez ce code avec l'app UiTPAS.",
  readerUnavailable:
    "Le lecteur de cartes ne fonctionne pas pour l'instant. Utilisez l'app UiTPAS ou passez au comptoir.",
  offline:
    'Pas de connexion avec UiTPAS. Votre passage est enregistré et vos points seront ajoutés plus tard.',
  connecting: 'Un instant, la borne démarre…',
  chooseLanguage: 'Choisissez votre langue',
  saved: (n) => (n === 1 ? 'Vous avez épargné 1 point' : `Vous avez épargné ${n} points`),
  total: (n) => (n === 1 ? 'Vous avez maintenant 1 point.' : `Vous avez maintenant ${n} points.`),
  queued: 'Votre passage est enregistré',
  queuedDetail: 'Vos points seront ajoutés dès que la borne sera reconnectée.',
  outcomes: {
    'already-saved': "Vous avez déjà épargné un point pour cette activité aujourd'hui.",
    'activity-over': 'Vous ne pouvez pas épargner de points pour cette activité maintenant.',
    'no-activity': "Aucune activité n'est ouverte à l'épargne de points pour le moment.",
    'card-blocked': 'Cette carte ne peut pas être utilisée ici.',
    'unknown-card': 'Nous ne reconnaissons pas cette carte.',
    refused: "L'épargne n'a pas réussi.",
    'not-a-card': "Présentez votre carte UiTPAS devant le lecteur, ou scannez le code QR avec l'app UiTPAS.",
  },
  toDesk: 'Passez au comptoir, on vous y aidera.',
  rewardsTitle: 'Avantages à échanger',
  rewardsNote: "L'échange se fait au comptoir.",
  rewardPoints: (n) => (n === 1 ? '1 point' : `${n} points`),
  rewardReachable: "C'est possible\u00a0!",
  rewardMissing: (n) => (n === 1 ? 'Encore 1 point' : `Encore ${n} points`),
  done: 'Terminé',
  stillThere: 'Êtes-vous toujours là\u00a0?',
  countdown: (s) => `L'écran recommence dans ${s} secondes.`,
  stay: 'Je suis encore là',
};

const en: Catalogue = {
  holdCard: 'Hold your UiTPAS against the reader',
  readerPositionDefault: 'The reader is below the screen.',
  pointsPerVisit: (n) => (n === 1 ? 'You save 1 point' : `You save ${n} points`),
  currentActivity: 'Now',
  noActivity: 'There is no activity to save points for right now.',
  qrCaption: 'Save with your smartphone: scan this code with the UiTPAS app.',
  readerUnavailable: 'The card reader is not working right now. Use the UiTPAS app or go to the desk.',
  offline: 'No connection to UiTPAS. Your tap is kept and your points will be added later.',
  connecting: 'One moment, the kiosk is starting…',
  chooseLanguage: 'Choose your language',
  saved: (n) => (n === 1 ? 'You saved 1 point' : `You saved ${n} points`),
  total: (n) => (n === 1 ? 'You now have 1 point.' : `You now have ${n} points.`),
  queued: 'Your tap is saved',
  queuedDetail: 'Your points will be added as soon as the kiosk is back online.',
  outcomes: {
    'already-saved': 'You already saved a point for this activity today.',
    'activity-over': 'You cannot save points for this activity right now.',
    'no-activity': 'There is no activity to save points for right now.',
    'card-blocked': 'This card cannot be used here.',
    'unknown-card': 'We do not recognise this card.',
    refused: 'Saving did not work.',
    'not-a-card': 'Hold your UiTPAS card against the reader, or scan the QR code with the UiTPAS app.',
  },
  toDesk: 'Please go to the desk, they will help you there.',
  rewardsTitle: 'Rewards to exchange',
  rewardsNote: 'You exchange them at the desk.',
  rewardPoints: (n) => (n === 1 ? '1 point' : `${n} points`),
  rewardReachable: 'You can now!',
  rewardMissing: (n) => (n === 1 ? '1 more point' : `${n} more points`),
  done: 'Done',
  stillThere: 'Are you still there?',
  countdown: (s) => `The screen starts over in ${s} seconds.`,
  stay: 'I am still here',
};

const de: Catalogue = {
  holdCard: 'Halte deinen UiTPAS an das Lesegerät',
  readerPositionDefault: 'Das Lesegerät befindet sich unter dem Bildschirm.',
  pointsPerVisit: (n) => (n === 1 ? 'Du sammelst 1 Punkt' : `Du sammelst ${n} Punkte`),
  currentActivity: 'Jetzt',
  noActivity: 'Im Moment gibt es keine Aktivität, für die du Punkte sammeln kannst.',
  qrCaption: 'Sammle mit deinem Smartphone: Scanne diesen Code mit der UiTPAS-App.',
  readerUnavailable:
    'Das Kartenlesegerät funktioniert gerade nicht. Nutze die UiTPAS-App oder geh zum Schalter.',
  offline:
    'Keine Verbindung zu UiTPAS. Dein Besuch ist gespeichert, die Punkte werden später gutgeschrieben.',
  connecting: 'Einen Moment, die Säule startet…',
  chooseLanguage: 'Wähle deine Sprache',
  saved: (n) => (n === 1 ? 'Du hast 1 Punkt gesammelt' : `Du hast ${n} Punkte gesammelt`),
  total: (n) => (n === 1 ? 'Du hast jetzt 1 Punkt.' : `Du hast jetzt ${n} Punkte.`),
  queued: 'Dein Besuch ist gespeichert',
  queuedDetail: 'Deine Punkte werden gutgeschrieben, sobald die Säule wieder verbunden ist.',
  outcomes: {
    'already-saved': 'Du hast heute schon einen Punkt für diese Aktivität gesammelt.',
    'activity-over': 'Für diese Aktivität kannst du jetzt keine Punkte sammeln.',
    'no-activity': 'Im Moment gibt es keine Aktivität, für die du Punkte sammeln kannst.',
    'card-blocked': 'Diese Karte kann hier nicht verwendet werden.',
    'unknown-card': 'Wir erkennen diese Karte nicht.',
    refused: 'Das Sammeln hat nicht geklappt.',
    'not-a-card': 'Halte deine UiTPAS-Karte an das Lesegerät oder scanne den QR-Code mit der UiTPAS-App.',
  },
  toDesk: 'Bitte geh zum Schalter, dort hilft man dir weiter.',
  rewardsTitle: 'Vorteile zum Eintauschen',
  rewardsNote: 'Eintauschen kannst du am Schalter.',
  rewardPoints: (n) => (n === 1 ? '1 Punkt' : `${n} Punkte`),
  rewardReachable: 'Das geht jetzt!',
  rewardMissing: (n) => (n === 1 ? 'Noch 1 Punkt' : `Noch ${n} Punkte`),
  done: 'Fertig',
  stillThere: 'Bist du noch da?',
  countdown: (s) => `Der Bildschirm beginnt in ${s} Sekunden neu.`,
  stay: 'Ich bin noch da',
};

export const TEXTS: Record<KioskLanguage, Catalogue> = { nl, fr, en, de };

/** A message from the terminal in the visitor's language, Dutch when it has no translation. */
export function pick(text: UserText, language: KioskLanguage): string {
  return (language === 'de' ? undefined : text[language]) ?? text.nl;
}
