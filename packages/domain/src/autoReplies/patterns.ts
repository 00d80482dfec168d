// Out-of-office and auto-reply wording in en, de, fr, es, it, nl, pt. Unicode-aware (`u` flag, letter
// lookarounds instead of \b, which ends inside "Ritornerò"), and linear: bounded gaps, no nested
// quantifiers. Tuned on test/corpus/inbound/tuning only (docs/out-of-office.md).

export type Language = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'it' | 'nl';
export const LANGUAGES: Language[] = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl'];

/** A case-insensitive Unicode regex whose alternatives start and end at word edges. */
export const words = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'iu');
/** A short gap inside one sentence (adverbs, dates) between a verb and what it says. */
const GAP = '(?:[^.!?¿\\n]|(?<=\\d)\\.){0,40}?';
/** The start of a sentence, for notices without a verb ("In ferie fino al …"). */
const START = '(?:^|[.!:;]\\s*|\\n\\s*)';

/** Being away, now or soon: first person, negated presence, verbless notices, "the recipient", a closed office. */
export const AWAY: Record<Language, RegExp> = {
  en: words(
    `i(?:'m| am| will be|'ll be| shall be)(?: currently| now| presently| still| sadly)? (?:out|away|off|ooo|on pto|on (?:annual |parental |maternity |paternity |sick |medical |study )?(?:leave|vacation|holidays?)|travel{1,2}ing|not (?:in|at) (?:the |my )?(?:office|desk)|(?:currently )?unavailable|not available|attending|at a (?:conference|trade ?show))` +
      `|i(?:'m| am) taking (?:some )?time off|(?:the )?recipient is (?:not around|away|out|unavailable|absent)|won't see (?:my )?e-?mails?|will not see (?:my )?e-?mails?` +
      `|mailbox is (?:unattended|not monitored)|no access to (?:my )?e-?mails?|(?:our office|the office|we) (?:is |are |will be |'re )?closed` +
      `|${START}(?:out of (?:the |my )?office|away from (?:my |the )?(?:desk|office)|on (?:annual )?leave|on (?:vacation|holiday))`,
  ),
  de: words(
    `(?:ich bin|bin ich|ich werde|werde ich|ich befinde mich|befinde ich mich)${GAP}(?:nicht (?:im büro|erreichbar|im hause?|am platz|über diese adresse erreichbar|anwesend)|abwesend|im urlaub|in (?:elternzeit|mutterschutz)|krank|auf (?:dienstreise|reise|einer messe|geschäftsreise)|au(?:ß|ss)er haus|unterwegs)` +
      `|ohne zugriff auf (?:meine e-?mails|dieses postfach|mein postfach)|(?:unser büro|wir)${GAP}geschlossen|${START}(?:nicht im büro|au(?:ß|ss)er haus|im urlaub)`,
  ),
  fr: words(
    `je (?:suis|serai)${GAP}(?:absente?|en congés?|en rtt|en vacances|hors du bureau|en déplacement|en formation|en arrêt maladie|en congé maternité|out of (?:the )?office)` +
      `|je ne (?:suis|serai) pas${GAP}(?:au bureau|joignable|disponible|présente?)|(?:nos bureaux|notre bureau) (?:sont|est|seront|sera) fermés?|nous sommes fermés` +
      `|${START}(?:absente?|en congés?|en vacances|en déplacement)(?=[ ,])`,
  ),
  es: words(
    `(?:estoy|estaré|me encuentro)${GAP}(?:fuera de (?:la )?oficina|ausente|de vacaciones|de viaje|de baja|en un congreso|fuera)` +
      `|no (?:estoy|estaré)${GAP}(?:disponible|en la oficina)|no tengo acceso al correo|no puedo atender su correo` +
      `|(?:la oficina|nuestras oficinas|nuestra oficina) (?:permanece|permanecen|está|están|estará|estarán) cerrad[ao]s?|${START}(?:fuera de la oficina|de vacaciones|de viaje)(?=[ ,])`,
  ),
  it: words(
    `(?:sono|sarò)${GAP}(?:fuori (?:ufficio|sede)|assente|in ferie|in vacanza|in trasferta|in malattia|a una fiera|a un convegno)` +
      `|non (?:sono|sarò)${GAP}(?:raggiungibile|in ufficio|disponibile)|(?:i nostri )?uffici (?:resteranno|rimarranno|sono|saranno) chiusi|siamo chiusi` +
      `|${START}(?:in ferie|fuori ufficio|fuori sede|in trasferta|assente)(?=[ ,:])`,
  ),
  nl: words(
    `(?:ik ben|ben ik|ik zal|zal ik)${GAP}(?:afwezig|niet (?:aanwezig|op kantoor|bereikbaar)|met (?:vakantie|verlof)|op vakantie|buiten kantoor|op reis|ziek|met ouderschapsverlof)` +
      `|(?:ik heb|heb ik) (?:ouderschaps|zwangerschaps)?verlof|(?:zit ik|ik zit) op (?:een )?(?:beurs|congres)|(?:ons kantoor is|wij zijn|we zijn)${GAP}gesloten` +
      `|${START}(?:op reis|met vakantie|afwezig|niet op kantoor)(?=[ ,])`,
  ),
  pt: words(
    `(?:estou|estarei|encontro-me|me encontro)${GAP}(?:ausente|de férias|em férias|fora(?: do escritório)?|em viagem|de licença|em licença|de baixa(?: médica)?|num congresso)` +
      `|não (?:estou|estarei)${GAP}(?:disponível|no escritório)|(?:o nosso |o )?escritório está (?:fechado|encerrado)|estamos fechados` +
      `|${START}(?:em viagem|de férias|ausente|fora do escritório)(?=[ ,])`,
  ),
};

/** Saying when one is back, in the first person or as a notice ("Bin erst am 9. Januar wieder da"). */
export const RETURNING: Record<Language, RegExp> = {
  en: words(
    `i(?:'ll| will) be back|i(?:'m| am) back on|i(?:'m| am) returning|i return on|${START}(?:back|returning) (?:on|in the office|next|monday|tuesday|wednesday|thursday|friday)`,
  ),
  de: words(
    `(?:ich bin|bin ich|sind wir|wir sind|${START}bin)${GAP}(?:wieder|zurück)|${START}zurück am|wieder (?:für sie da|erreichbar)`,
  ),
  fr: words(
    `je serai de retour|je reprendrai|${START}(?:de )?retour (?:le|prévu|lundi|mardi|mercredi|jeudi|vendredi|la semaine)|réouverture le`,
  ),
  es: words(`volveré|regresaré|vuelvo (?:el|la|a la|mañana)|regreso el|estaré de vuelta`),
  it: words(
    `ritornerò|rientrerò|tornerò|torno (?:il|la|lunedì|martedì|mercoledì|giovedì|venerdì)|${START}rientro (?:il|previsto|lunedì)|sarò di ritorno`,
  ),
  nl: words(`(?:ben ik|ik ben|zijn we|we zijn)${GAP}(?:weer (?:aanwezig|bereikbaar|op kantoor|open)|terug)|weer open`),
  pt: words(
    `regresso (?:a|no|na|em|dia)|retorno (?:em|no|na|dia|a)|volto (?:a|no|na|em|dia)|estarei de volta|retomamos|voltarei|regressarei`,
  ),
};

/** What follows "I am away" in a notice: a return, limited access, no forwarding, a deputy. */
export const DETAIL: Record<Language, RegExp> = {
  en: words(
    `until|till|back|return(?:ing)?|limited access|no access|not be(?:ing)? forwarded|urgent|please (?:contact|reach)|upon my return|when i(?:'m| am)? back`,
  ),
  de: words(`bis|wieder|zurück|rückkehr|eingeschränkt|nicht weitergeleitet|nicht gelesen|dringend|wenden sie sich`),
  fr: words(`jusqu'(?:au|à)|retour|accès limité|pas transféré|urgence|contacter|écrivez`),
  es: words(`hasta|regreso|vuelta|acceso limitado|no será (?:reenviado|leído)|urgencia|urgente|escriba|llame`),
  it: words(`fino|rientro|ritorno|accesso limitato|non verrà inoltrata|urgenze|urgenza|contatt|scrivere|chiamare`),
  nl: words(`tot|terug|weer|beperkt|niet (?:doorgestuurd|gelezen)|dringende|spoed|contact|bel|mail`),
  pt: words(
    `até|regresso|retorno|volto|acesso limitado|não será (?:reencaminhada|lida)|urgência|contate|ligue|escreva`,
  ),
};

/** Phrases only a machine writes ("this is an automatic reply", "please do not reply"). */
export const AUTOMATIC: Record<Language, RegExp> = {
  en: words(
    `this is an? (?:automatic|automated|auto-generated) (?:reply|response|message|e-?mail|notification)|automated response|do not reply to this (?:e-?mail|message)`,
  ),
  de: words(
    `automatisch (?:erstellt|generiert|versandt|erzeugt)e?|automatisch generierte|dies ist eine automatische (?:antwort|nachricht)`,
  ),
  fr: words(`(?:réponse|message) automatique|généré automatiquement|merci de ne pas répondre`),
  es: words(
    `(?:respuesta|mensaje) automátic[oa]|generado automáticamente|no responda a este correo|por favor,? no responda`,
  ),
  it: words(`(?:risposta|messaggio) automatic[oa]|generato automaticamente|si prega di non rispondere`),
  nl: words(`automatisch (?:antwoord|bericht|gegenereerd|verzonden)|niet op (?:dit bericht )?(?:kunt )?reageren`),
  pt: words(`(?:resposta|mensagem) automática|gerada automaticamente|por favor,? não responda`),
};

/**
 * The writer engages with the conversation (a proposal, the deal itself) or looks back on an absence
 * in a compound past ("ich bin … gewesen", "sono stato in ferie", "ik ben … geweest"). A notice does neither.
 */
export const ENGAGED: Record<Language, RegExp> = {
  en: words(`let'?s|can we|could we|shall we|invoice|contract|quote|order|sign|interested`),
  de: words(
    `gewesen|können wir|lass(?:en sie)? uns|schicken sie|senden sie|angebot|vertrag|rechnung|bestellung|unterlagen|interesse`,
  ),
  fr: words(`pouvons-nous|on peut|devis|contrat|facture|commande|livrer`),
  es: words(`podemos|presupuesto|contrato|factura|pedido|entregar`),
  it: words(`sono stat[oaie]|siamo stat[ie]|possiamo|preventivo|contratto|fattura|ordine|consegnare`),
  nl: words(`geweest|kunnen we|zullen we|offerte|contract|factuur|bestelling|leveren`),
  pt: words(`podemos|orçamento|contrato|fatura|encomenda|entregar`),
};

/** Subjects of out-of-office notices; a leading "On holiday RE: …" counts, a "Re: Automatic reply: …" does not. */
export const OOO_SUBJECT = new RegExp(
  '^\\s*(?:out of (?:the )?office|ooo(?![\\p{L}])|away from (?:the )?office|on (?:vacation|holiday|leave)|absence notice|automatic reply|auto[- ]?reply|autoreply' +
    '|abwesenheitsnotiz|abwesend|abwesenheit|automatische antwort|nicht im büro|au(?:ß|ss)er haus|absence|absente?|message d.absence|réponse automatique|reponse automatique' +
    '|respuesta automática|respuesta automatica|fuera de (?:la )?oficina|ausencia|ausente|resposta automática|resposta automatica|ausência|fora do escritório|de férias' +
    '|risposta automatica|fuori ufficio|fuori sede|assenza|in ferie|automatisch antwoord|afwezig|afwezigheid|niet aanwezig|buiten kantoor|met vakantie)',
  'iu',
);

/** Subjects of other autoresponders (acknowledgements, tickets). */
export const AUTO_SUBJECT = new RegExp(
  '^\\s*(?:auto[- ]?response|automatic response|accusé de réception|eingangsbestätigung|ontvangstbevestiging|confirmación de recepción|conferma di ricezione' +
    '|confirmação de receção|confirmação de recebimento|\\[ticket #?\\d+\\])',
  'iu',
);

/** Mondays of "next week", by language. */
export const NEXT_WEEK = words(
  `next week|nächste[nr]? woche|kommende[nr]? woche|la semaine prochaine|la próxima semana|la semana que viene|la prossima settimana|la settimana prossima|prossima settimana|volgende week|próxima semana|semana que vem`,
);
