import { platformConfig } from '@bulkhead/platform';
import { z } from 'zod';

/** The shared keys plus this service's own. */
export const configSchema = z.object({
  ...platformConfig,
  GREETING: z.string().min(1).max(40).default('Hello'),
});

/** The service's settings, validated once at startup. */
export type Config = z.infer<typeof configSchema>;
