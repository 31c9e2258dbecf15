import { ErrorCodes } from "../errors/codes.js";
import { InputError, type InputPath } from "../errors/InputError.js";
import type { ContactPolicy, FrequencyCap, QuietHours } from "./ContactPolicy.js";
import { inRange, oneOf, record, text, timeZone } from "./_internal/check.js";
import { referenceSets } from "./_internal/checkTrigger.js";
import type { TriggerReferences } from "./validateTrigger.js";

/**
 * Checks a {@link ContactPolicy} from untrusted input and returns it typed:
 * caps with a positive integer `max` and a positive `windowDays` on known
 * channels; quiet hours with integer minutes in [0, 1440) and start ≠ end on
 * known channels; an IANA time zone Intl knows; a positive cool-down; `capOverflow`
 * "drop" or "defer" and a positive `maxDeferDays`.
 *
 * @param refs - the known channels (segments are not used)
 * @throws {InputError} `METRIC.OUT_OF_RANGE` for a cap of zero or less, a window ≤ 0, minutes outside
 *   [0, 1440), a cool-down or deferral limit ≤ 0; `METRIC.NOT_INTEGER` for a fractional cap or minute; `METRIC.INVALID_OPTION`
 *   for an unknown time zone or start = end; `JOURNEY.UNKNOWN_REFERENCE` for an unknown channel;
 *   `JOURNEY.INVALID_FIELD` for a malformed field — each with the field's path
 * @category Proactive
 * @example
 * validateContactPolicy({ caps: [{ max: 0, windowDays: 7 }], timeZone: "Europe/London" }) // throws METRIC.OUT_OF_RANGE at ["policy", "caps", 0, "max"]
 * validateContactPolicy({ timeZone: "Mars/Olympus_Mons" }) // throws METRIC.INVALID_OPTION at ["policy", "timeZone"]
 */
export function validateContactPolicy(input: unknown, refs: Pick<TriggerReferences, "channels"> = {}): ContactPolicy {
  const fn = "validateContactPolicy";
  const path: InputPath = ["policy"];
  const { channels } = referenceSets(refs);
  const p = record(fn, input, path, "a contact policy");
  const channel = (v: unknown, at: InputPath): string => {
    const c = text(fn, v, at, "channel id");
    if (!channels.has(c)) throw new InputError(ErrorCodes.UNKNOWN_REFERENCE, `${fn} requires a known channel, got ${JSON.stringify(c)}`, at, c);
    return c;
  };
  const integer = (v: unknown, at: InputPath, what: string, lo: number, hi: number, closedLow: boolean): number => {
    const x = inRange(fn, v, at, what, lo, hi, closedLow);
    if (!Number.isInteger(x)) throw new InputError(ErrorCodes.NOT_INTEGER, `${fn} requires an integer ${what}, got ${x}`, at, x);
    return x;
  };
  const tz = timeZone(fn, p.timeZone, [...path, "timeZone"]);
  let caps: FrequencyCap[] | undefined;
  if (p.caps !== undefined) {
    if (!Array.isArray(p.caps)) throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires caps to be an array`, [...path, "caps"], p.caps);
    caps = p.caps.map((raw: unknown, i: number) => {
      const cp = [...path, "caps", i];
      const c = record(fn, raw, cp, "a frequency cap");
      const max = integer(c.max, [...cp, "max"], "cap max", 0, Infinity, false);
      const windowDays = inRange(fn, c.windowDays, [...cp, "windowDays"], "windowDays", 0, Infinity, false);
      return c.channel === undefined ? { max, windowDays } : { max, windowDays, channel: channel(c.channel, [...cp, "channel"]) };
    });
  }
  let quietHours: QuietHours | undefined;
  if (p.quietHours !== undefined) {
    const qp = [...path, "quietHours"];
    const q = record(fn, p.quietHours, qp, "quiet hours");
    const start = integer(q.start, [...qp, "start"], "start minute", 0, 1439, true);
    const end = integer(q.end, [...qp, "end"], "end minute", 0, 1439, true);
    if (start === end) throw new InputError(ErrorCodes.INVALID_OPTION, `${fn} requires quiet hours with start ≠ end, got ${start} twice`, [...qp, "end"], end);
    let qChannels: string[] | undefined;
    if (q.channels !== undefined) {
      if (!Array.isArray(q.channels)) throw new InputError(ErrorCodes.INVALID_FIELD, `${fn} requires quiet-hour channels to be an array`, [...qp, "channels"], q.channels);
      qChannels = q.channels.map((c: unknown, i: number) => channel(c, [...qp, "channels", i]));
    }
    quietHours = qChannels === undefined ? { start, end } : { start, end, channels: qChannels };
  }
  const cooldown = p.complaintCooldownDays === undefined ? undefined : inRange(fn, p.complaintCooldownDays, [...path, "complaintCooldownDays"], "complaintCooldownDays", 0, Infinity, false);
  const capOverflow = p.capOverflow === undefined ? undefined : oneOf(fn, p.capOverflow, ["drop", "defer"] as const, [...path, "capOverflow"], "capOverflow");
  const maxDeferDays = p.maxDeferDays === undefined ? undefined : inRange(fn, p.maxDeferDays, [...path, "maxDeferDays"], "maxDeferDays", 0, Infinity, false);
  return {
    timeZone: tz,
    ...(capOverflow !== undefined ? { capOverflow } : {}),
    ...(maxDeferDays !== undefined ? { maxDeferDays } : {}),
    ...(caps !== undefined ? { caps } : {}),
    ...(quietHours !== undefined ? { quietHours } : {}),
    ...(cooldown !== undefined ? { complaintCooldownDays: cooldown } : {}),
  };
}
