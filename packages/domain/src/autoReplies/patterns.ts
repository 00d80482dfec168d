// Out-of-office and auto-reply wording in en, de, fr, es, pt, it, nl. Subjects are strong evidence;
// a body needs an explicit "automatic" phrase, or being away together with a return or absence detail.

export type Language = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'it' | 'nl';

/** Subject prefixes mail servers put on auto-replies ("Automatic reply: Your quote"). */
export const SUBJECT: Record<Language, RegExp> = {
  en: /^\s*(automatic reply|auto[- ]?reply|auto[- ]?response|autoresponse|out of (the )?office|ooo\b|away from (the )?office|on vacation|on leave|absence notice)/i,
  de: /^\s*(automatische antwort|abwesenheitsnotiz|abwesenheit|autom\. antwort|nicht im büro|außer haus|ausser haus)/i,
  fr: /^\s*(réponse automatique|reponse automatique|message d'absence|absence du bureau|absent du bureau|absente? jusqu)/i,
  es: /^\s*(respuesta automática|respuesta automatica|fuera de la oficina|fuera de oficina|ausencia|ausente)/i,
  pt: /^\s*(resposta automática|resposta automatica|ausência|ausencia|fora do escritório|ausente|de férias)/i,
  it: /^\s*(risposta automatica|fuori ufficio|fuori sede|assenza|in ferie)/i,
  nl: /^\s*(automatisch antwoord|automatisch bericht|afwezig|afwezigheid|niet aanwezig|buiten kantoor)/i,
};

/** Phrases only a machine writes: "this is an automatic reply". */
export const AUTOMATIC: Record<Language, RegExp> = {
  en: /\bthis is an? (automatic|automated|auto-generated) (reply|response|message|e-?mail)\b/i,
  de: /dies ist eine (automatische|automatisch generierte) (antwort|nachricht|e-mail)/i,
  fr: /ceci est une? (réponse|message) automatique/i,
  es: /(esta es una respuesta automática|este es un mensaje automático)/i,
  pt: /(esta é uma resposta automática|esta é uma mensagem automática)/i,
  it: /(questa è una risposta automatica|questo è un messaggio automatico)/i,
  nl: /dit is een automatisch (antwoord|bericht|gegenereerd bericht)/i,
};

/** Being away now, in the present tense of an auto-reply ("I am currently out of the office"). */
export const AWAY: Record<Language, RegExp> = {
  en: /\bi(?: am|'m) (?:currently |now )?(?:out of (?:the )?office|away from (?:the |my )?(?:office|desk)|on (?:annual |parental |sick )?(?:leave|vacation|holiday)|travelling|traveling|away)\b/i,
  de: /\bich bin (?:derzeit |zurzeit |momentan |aktuell |bis [^.]{1,40} )?(?:nicht im büro|nicht erreichbar|abwesend|im urlaub|außer haus|ausser haus)/i,
  fr: /\bje suis (?:actuellement |présentement )?(?:absente?|en congés?|en vacances|hors du bureau|en déplacement)/i,
  es: /\b(?:estoy|me encuentro) (?:actualmente )?(?:fuera de la oficina|ausente|de vacaciones|de viaje)|\bestaré (?:fuera|ausente)/i,
  pt: /\b(?:estou|encontro-me) (?:atualmente |actualmente )?(?:ausente|de férias|fora do escritório|em viagem)/i,
  it: /\bsono (?:attualmente |al momento )?(?:fuori ufficio|assente|in ferie|in vacanza|fuori sede)/i,
  nl: /\bik ben (?:momenteel |op dit moment |tot en met [^.]{1,30} )?(?:afwezig|niet aanwezig|met vakantie|buiten kantoor|niet op kantoor)/i,
};

/** A return date, limited access or a deputy: the detail an auto-reply gives after saying it is away. */
export const DETAIL: Record<Language, RegExp> = {
  en: /\b(until|back on|back in the office|return(ing)? on|upon my return|when i return|limited access|no access to (my )?e-?mail|in urgent cases|for urgent matters|please contact)\b/i,
  de: /\b(bis (zum|einschließlich)|wieder (im büro|erreichbar|da)|zurück|nach meiner rückkehr|eingeschränkt|in dringenden fällen|wenden sie sich)/i,
  fr: /\b(jusqu'(au|à)|de retour|à mon retour|dès mon retour|accès limité|en cas d'urgence|veuillez contacter)/i,
  es: /\b(hasta el|regreso|volveré|a mi vuelta|a mi regreso|acceso limitado|para asuntos urgentes|en caso de urgencia)/i,
  pt: /\b(até (ao|o|dia)|regresso|retorno|voltarei|no meu regresso|acesso limitado|para assuntos urgentes|em caso de urgência)/i,
  it: /\b(fino al|rientro|tornerò|al mio rientro|al mio ritorno|accesso limitato|per urgenze|in caso di urgenza)/i,
  nl: /\b(tot en met|tot \d|terug op|weer aanwezig|weer op kantoor|na mijn terugkomst|beperkt toegang|voor dringende zaken|in dringende gevallen)/i,
};

/** Words before the date that says when the person is back. */
export const RETURN_CUE =
  /(until|till|back|return|returning|through|bis|zurück|wieder|ab dem|ab|jusqu|retour|hasta|regreso|volver|vuelta|até|regresso|retorno|voltar|fino|rientro|ritorno|tornerò|tot en met|tot|terug|weer|vanaf)[^.\n]{0,25}$/i;

export const LANGUAGES: Language[] = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl'];
