import { z } from 'zod';
import { isPasswordHash } from './password.ts';

/** An operator's name: what the console shows in the audit log; letters, digits, `.`, `_`, `-`. */
export const OperatorName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64');

/** One line of `operators` in creneau.config.json, as `npx creneau operator add <name>` prints it. */
export const OperatorAccount = z.strictObject({
  name: OperatorName,
  password_hash: z
    .string()
    .refine(isPasswordHash, 'a scrypt hash as `npx creneau operator add <name>` prints it, never a password'),
});
export type OperatorAccount = z.infer<typeof OperatorAccount>;

/** `operators`: no account, no operator feature (the console and sign-in answer 404). */
export const OperatorSettings = z
  .array(OperatorAccount)
  .max(200)
  .default([])
  .refine(
    (accounts) => new Set(accounts.map((account) => account.name.toLowerCase())).size === accounts.length,
    'each operator name once',
  );
export type OperatorSettings = z.infer<typeof OperatorSettings>;
