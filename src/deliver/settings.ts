import { z } from '../util/zod.js';
import { emailAddressSchema } from '../config/email-address.js';

/**
 * Delivery settings, shaped for a `delivery:` block of `briefing.config.yaml` (the configuration module can
 * embed `deliverySettingsSchema`). Secrets may stay out of the file: `BRIEFING_SMTP_USER` / `BRIEFING_SMTP_PASS`.
 */
export const emailSettingsSchema = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** true: TLS from the first byte (port 465). false: plain, upgraded with STARTTLS when offered. */
    secure: z.boolean().default(false),
    /** Refuse to send unless STARTTLS succeeds (recommended with `secure: false` on port 587). */
    requireTLS: z.boolean().default(false),
    /** Never use STARTTLS (only for local test servers). */
    ignoreTLS: z.boolean().default(false),
    /** Verify the server's certificate (turn off only for a self-signed test server). */
    rejectUnauthorized: z.boolean().default(true),
    user: z.string().optional(),
    pass: z.string().optional(),
    from: emailAddressSchema,
    /** Right-hand side of Message-IDs; the machine's host name when unset. */
    domain: z.string().optional(),
    /** Attach the HTML briefing beside the PDF. */
    attachHtml: z.boolean().default(false),
    connectionTimeoutMs: z.number().int().positive().default(15_000),
    greetingTimeoutMs: z.number().int().positive().default(15_000),
    socketTimeoutMs: z.number().int().positive().default(60_000),
  })
  .strict();

export const retrySettingsSchema = z
  .object({
    /** Attempts per delivery before it is marked failed. */
    maxAttempts: z.number().int().min(1).max(20).default(5),
    /** Delay before the second attempt; doubled for each one after. */
    baseDelayMs: z.number().int().min(0).default(30_000),
    maxDelayMs: z.number().int().min(0).default(3_600_000),
  })
  .strict();

export const webhookSettingsSchema = z
  .object({
    timeoutMs: z.number().int().positive().default(30_000),
  })
  .strict();

export const deliverySettingsSchema = z
  .object({
    email: emailSettingsSchema.optional(),
    webhook: webhookSettingsSchema.default({ timeoutMs: 30_000 }),
    retry: retrySettingsSchema.default({ maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 3_600_000 }),
    /** Where "accepted" markers are kept between the other side's acceptance and the outbox update. */
    journalDir: z.string().default('data/outbox-journal'),
  })
  .strict();

export type EmailSettings = z.infer<typeof emailSettingsSchema>;
export type EmailSettingsInput = z.input<typeof emailSettingsSchema>;
export type RetrySettings = z.infer<typeof retrySettingsSchema>;
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;
export type DeliverySettings = z.infer<typeof deliverySettingsSchema>;

/** SMTP credentials: the environment wins over the file, so a password need not be written into it. */
export function resolveSmtpAuth(settings: Pick<EmailSettings, 'user' | 'pass'>, env: NodeJS.ProcessEnv = process.env): { user: string; pass: string } | undefined {
  const user = env.BRIEFING_SMTP_USER ?? settings.user;
  const pass = env.BRIEFING_SMTP_PASS ?? settings.pass;
  if (!user && !pass) return undefined;
  if (!user || !pass) {
    throw new Error(
      `SMTP authentication needs both a user and a password; only the ${user ? 'user' : 'password'} is set. ` +
        'Set delivery.email.user and .pass, or BRIEFING_SMTP_USER and BRIEFING_SMTP_PASS.',
    );
  }
  return { user, pass };
}
