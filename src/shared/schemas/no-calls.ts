import { z } from 'zod/mini';

// no_calls_notify_time_period (decision 4): windows of HH:MM in one time zone, minutes of silence
// that raise an alert, numbers whose calls are ignored, and agents excluded from monitoring.
// Loose objects: a key the editor does not know, on the object or on a window, is kept and sent back.

export const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const E164 = /^\+[1-9]\d{6,14}$/;

export const timePeriodSchema = z.looseObject({
  start_time: z.string().check(z.regex(HH_MM, 'Use 24-hour HH:MM, e.g. 09:00.')),
  end_time: z.string().check(z.regex(HH_MM, 'Use 24-hour HH:MM, e.g. 17:00.')),
  time_frame: z.int().check(z.gte(1, 'At least 1 minute.'), z.lte(1440, 'At most 1440 minutes (a day).')),
});
export type TimePeriod = z.infer<typeof timePeriodSchema>;

/** What we send. Unknown keys the editor does not know are kept (loose), never dropped. */
export const noCallsConfigSchema = z.looseObject({
  time_zone: z.string().check(z.minLength(1, 'Choose a time zone.')),
  time_periods: z.array(timePeriodSchema),
  exception_numbers: z.optional(
    z.array(z.string().check(z.regex(E164, 'Not an E.164 number (+ and 7 to 15 digits).'))),
  ),
  agents: z.optional(z.array(z.int())),
});
export type NoCallsConfig = z.infer<typeof noCallsConfigSchema>;

/** What the API may return: anything object-like; odd values are shown and noted, never refused. */
export const noCallsConfigReadSchema = z.looseObject({
  time_zone: z.optional(z.unknown()),
  time_periods: z.optional(z.array(z.unknown())),
  exception_numbers: z.optional(z.array(z.unknown())),
  agents: z.optional(z.array(z.unknown())),
});
export type NoCallsConfigRead = z.infer<typeof noCallsConfigReadSchema>;
