export type { MailAddress, MailAttachment, Mailer, OutgoingMail } from './types';
export { PermanentMailError, TransientMailError } from './errors';
export { createSendGridMailer, type SendGridMailerOptions } from './sendgrid';
export { toSendGridMail } from './toSendGrid';
export { toMailError } from './classify';
