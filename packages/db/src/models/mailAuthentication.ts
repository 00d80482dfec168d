import { Schema } from 'mongoose';

/**
 * What SendGrid checked about a received mail's sender (SPF, DKIM) and the verdict on its `From`
 * domain: mail to the log address that is not authenticated stops nothing (services/ingest
 * `webhooks/authenticity.ts`).
 */
export const mailAuthenticationSchema = new Schema(
  {
    spf: { type: String },
    spfDomain: { type: String },
    dkim: {
      type: [
        new Schema(
          { domain: { type: String, required: true }, result: { type: String, required: true } },
          { _id: false },
        ),
      ],
      default: [],
    },
    authenticated: { type: Boolean, required: true },
    reason: { type: String },
  },
  { _id: false },
);
