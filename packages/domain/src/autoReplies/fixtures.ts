// Real-world-shaped inbound mail: auto-replies (several languages, with and without headers) and
// real replies that merely mention holidays. `returnDate` is what a person reading it would say.
export type Fixture = { name: string; headers: Record<string, string>; subject: string; text: string; autoReply: boolean; returnDate?: string | null };

const RFC = { 'Auto-Submitted': 'auto-replied' };
const EXCHANGE = { 'X-MS-Exchange-Inbox-Rules-Loop': 'jane@prospect.example', 'X-Auto-Response-Suppress': 'All' };
/** All fixtures are received on Tue 1 Dec 2026. */
export const RECEIVED_AT = new Date('2026-12-01T10:00:00Z');

export const AUTO_REPLIES: Fixture[] = [
  { name: 'en exchange subject only', headers: {}, subject: 'Automatic reply: Your quote', text: 'I am out of the office until Monday, December 7th with limited access to email.', autoReply: true, returnDate: '2026-12-07' },
  { name: 'en rfc3834 gmail', headers: RFC, subject: 'Re: Your quote', text: "Thanks for your email. I'm currently on vacation and will be back on December 14. For urgent matters please contact sales@prospect.example.", autoReply: true, returnDate: '2026-12-14' },
  { name: 'en out of office subject', headers: {}, subject: 'Out of Office: Your quote', text: 'I am away from the office returning on 10 December 2026.', autoReply: true, returnDate: '2026-12-10' },
  { name: 'en ooo no date', headers: EXCHANGE, subject: 'Automatic reply: Your quote', text: 'I am currently out of the office with limited access to email. I will respond as soon as possible.', autoReply: true, returnDate: null },
  { name: 'en body automatic', headers: {}, subject: 'Re: Your quote', text: 'This is an automatic reply. I am travelling until 9 December and will reply upon my return.', autoReply: true, returnDate: '2026-12-09' },
  { name: 'en x-autoreply', headers: { 'X-Autoreply': 'yes' }, subject: 'Re: Your quote', text: "I'm on parental leave until January 18, 2027. Please contact my colleague Tom.", autoReply: true, returnDate: '2027-01-18' },
  { name: 'en precedence', headers: { Precedence: 'auto_reply' }, subject: 'Auto-Reply: Your quote', text: 'I am out of office until 3rd December.', autoReply: true, returnDate: '2026-12-03' },
  { name: 'en body only away+back', headers: {}, subject: 'Re: Your quote', text: 'Hello,\nI am currently out of the office and will be back on Friday, December 11.\nKind regards,\nJane', autoReply: true, returnDate: '2026-12-11' },
  { name: 'en auto-response ticket', headers: { 'Auto-Submitted': 'auto-generated' }, subject: 'Auto-Response: We received your message', text: 'Thank you for contacting us. This is an automated response confirming we received your message.', autoReply: true, returnDate: null },
  { name: 'de abwesenheitsnotiz', headers: {}, subject: 'Abwesenheitsnotiz: Ihr Angebot', text: 'Vielen Dank für Ihre Nachricht. Ich bin bis zum 8. Dezember nicht im Büro und habe nur eingeschränkt Zugriff auf E-Mails.', autoReply: true, returnDate: '2026-12-08' },
  { name: 'de automatische antwort exchange', headers: EXCHANGE, subject: 'Automatische Antwort: Ihr Angebot', text: 'Ich bin ab dem 4. Januar 2027 wieder im Büro. In dringenden Fällen wenden Sie sich bitte an Herrn Maier.', autoReply: true, returnDate: '2027-01-04' },
  { name: 'de body only', headers: {}, subject: 'AW: Ihr Angebot', text: 'Guten Tag,\nich bin derzeit im Urlaub und ab dem 15. Dezember wieder erreichbar.\nMit freundlichen Grüßen', autoReply: true, returnDate: '2026-12-15' },
  { name: 'de rfc', headers: RFC, subject: 'Abwesenheit', text: 'Dies ist eine automatische Antwort. Ich bin bis einschließlich 11.12.2026 abwesend.', autoReply: true, returnDate: '2026-12-11' },
  { name: 'de no date', headers: {}, subject: 'Automatische Antwort: Ihr Angebot', text: 'Ich bin zurzeit nicht im Büro. Ihre Nachricht wird nicht weitergeleitet.', autoReply: true, returnDate: null },
  { name: 'fr reponse automatique', headers: {}, subject: 'Réponse automatique : Votre devis', text: "Bonjour, je suis absente jusqu'au 9 décembre inclus. En cas d'urgence, veuillez contacter mon collègue.", autoReply: true, returnDate: '2026-12-09' },
  { name: 'fr absence rfc', headers: RFC, subject: "Message d'absence", text: 'Je suis actuellement en congés. De retour le 4 janvier 2027.', autoReply: true, returnDate: '2027-01-04' },
  { name: 'fr body only', headers: {}, subject: 'RE: Votre devis', text: "Ceci est une réponse automatique. Je suis en déplacement et de retour le 7 décembre.", autoReply: true, returnDate: '2026-12-07' },
  { name: 'fr exchange', headers: EXCHANGE, subject: 'Réponse automatique : Votre devis', text: 'Je suis absent du bureau avec un accès limité à mes e-mails.', autoReply: true, returnDate: null },
  { name: 'es respuesta automatica', headers: {}, subject: 'Respuesta automática: Su presupuesto', text: 'Gracias por su mensaje. Estoy fuera de la oficina hasta el 10 de diciembre.', autoReply: true, returnDate: '2026-12-10' },
  { name: 'es rfc vacaciones', headers: RFC, subject: 'RE: Su presupuesto', text: 'Estoy de vacaciones. Volveré el 11 de enero de 2027. Para asuntos urgentes escriba a ventas@cliente.example.', autoReply: true, returnDate: '2027-01-11' },
  { name: 'es fuera de la oficina', headers: {}, subject: 'Fuera de la oficina', text: 'Me encuentro fuera de la oficina con acceso limitado al correo.', autoReply: true, returnDate: null },
  { name: 'es body only', headers: {}, subject: 'RE: Su presupuesto', text: 'Esta es una respuesta automática. Estaré ausente hasta el 14 de diciembre.', autoReply: true, returnDate: '2026-12-14' },
  { name: 'pt resposta automatica', headers: {}, subject: 'Resposta automática: O seu orçamento', text: 'Estou ausente até ao dia 9 de dezembro, com acesso limitado ao email.', autoReply: true, returnDate: '2026-12-09' },
  { name: 'pt ferias rfc', headers: RFC, subject: 'Ausência', text: 'Estou de férias. Regresso a 5 de janeiro de 2027.', autoReply: true, returnDate: '2027-01-05' },
  { name: 'pt br body only', headers: {}, subject: 'RES: Seu orçamento', text: 'Esta é uma mensagem automática. Estou fora do escritório e retorno em 8 de dezembro.', autoReply: true, returnDate: '2026-12-08' },
  { name: 'it risposta automatica', headers: {}, subject: 'Risposta automatica: Il vostro preventivo', text: 'Sono fuori ufficio fino al 10 dicembre con accesso limitato alla posta.', autoReply: true, returnDate: '2026-12-10' },
  { name: 'it ferie exchange', headers: EXCHANGE, subject: 'Risposta automatica: Il vostro preventivo', text: 'Sono in ferie. Rientro il 7 gennaio 2027. Per urgenze contattare il mio collega.', autoReply: true, returnDate: '2027-01-07' },
  { name: 'it fuori sede', headers: {}, subject: 'Fuori sede', text: 'Sono attualmente fuori sede, al mio rientro risponderò alla sua email.', autoReply: true, returnDate: null },
  { name: 'nl automatisch antwoord', headers: {}, subject: 'Automatisch antwoord: Uw offerte', text: 'Ik ben afwezig tot en met 11 december. Voor dringende zaken kunt u contact opnemen met mijn collega.', autoReply: true, returnDate: '2026-12-11' },
  { name: 'nl vakantie rfc', headers: RFC, subject: 'Afwezig', text: 'Ik ben met vakantie en ben weer aanwezig op 4 januari 2027.', autoReply: true, returnDate: '2027-01-04' },
  { name: 'nl body only', headers: {}, subject: 'RE: Uw offerte', text: 'Dit is een automatisch bericht. Ik ben momenteel niet op kantoor en terug op 9 december.', autoReply: true, returnDate: '2026-12-09' },
  { name: 'en x-autorespond crm', headers: { 'X-Autorespond': 'yes' }, subject: 'We got your email', text: 'Thanks! Our team will get back to you within 24 hours.', autoReply: true, returnDate: null },
  { name: 'en range', headers: {}, subject: 'Out of office', text: 'I am on holiday from 1 December to 8 December and will reply when I return.', autoReply: true, returnDate: '2026-12-08' },
];

export const REAL_REPLIES: Fixture[] = [
  { name: 'en back from vacation', headers: {}, subject: 'Re: Your quote', text: 'Hi Alex, sorry for the slow answer, I was on vacation last week. The quote looks good, can you send the contract?', autoReply: false },
  { name: 'en going on vacation', headers: {}, subject: 'Re: Your quote', text: "Thanks Alex. I'm going on vacation next week, so let's sign before Friday. Can you call me tomorrow?", autoReply: false },
  { name: 'en out of office mention', headers: {}, subject: 'Re: Your quote', text: 'Got it, thanks. Our CFO is out of the office until Monday, I will get her approval then.', autoReply: false },
  { name: 'en automatic reply mention', headers: {}, subject: 'Re: Your quote', text: "Sorry, my automatic reply went out by mistake, I'm here. We accept the quote.", autoReply: false },
  { name: 'de urlaub', headers: {}, subject: 'AW: Ihr Angebot', text: 'Hallo Alex, ich war im Urlaub, daher die späte Antwort. Das Angebot passt, bitte schicken Sie den Vertrag.', autoReply: false },
  { name: 'fr vacances', headers: {}, subject: 'RE: Votre devis', text: 'Bonjour, je rentre de vacances. Le devis nous convient, pouvons-nous en parler jeudi ?', autoReply: false },
  { name: 'es vacaciones', headers: {}, subject: 'RE: Su presupuesto', text: 'Hola Alex, volví de vacaciones ayer. Nos interesa, ¿podemos hablar el lunes?', autoReply: false },
  { name: 'pt ferias', headers: {}, subject: 'RE: O seu orçamento', text: 'Olá, estive de férias na semana passada. Podemos avançar com o orçamento.', autoReply: false },
  { name: 'it ferie', headers: {}, subject: 'R: Il vostro preventivo', text: 'Buongiorno, ero in ferie. Il preventivo va bene, procediamo.', autoReply: false },
  { name: 'nl vakantie', headers: {}, subject: 'RE: Uw offerte', text: 'Hoi Alex, ik was op vakantie. De offerte ziet er goed uit, stuur maar het contract.', autoReply: false },
  { name: 'en quoted ooo', headers: {}, subject: 'Re: Automatic reply: Your quote', text: "I'm back now, yes let's go ahead.\n\nOn Mon, Nov 30, 2026 at 9:00 AM Jane wrote:\n> I am out of the office until Monday, December 7th with limited access to email.", autoReply: false },
  { name: 'en holiday plans', headers: {}, subject: 'Re: Your quote', text: 'We will be closed for the holidays from December 24 until January 4, please send the invoice before that.', autoReply: false },
];
