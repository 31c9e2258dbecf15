import { Arg, Ctx, Float, Query, Resolver } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { durationSummary, ticketResponseTimes, type BusinessCalendar, type TicketEvent } from "@engagekit/core";
import type { Context } from "../../server/Context.js";
import { toMs, type SqlDate } from "../../data/sqlDate.js";
import { dialect } from "../../data/sqlDialect.js";
import { CustomerFilterInput, customerFilterSql } from "../common/CustomerFilter.input.js";
import { BusinessHoursInput, DurationStatsType, ResponseTimesType, TicketFilterInput } from "./ResponseTimes.type.js";
import { RateType } from "../retention/Retention.type.js";
import { IntervalType } from "../common/Interval.type.js";
import { deflectionRate } from "./deflection.js";

function calendarOf(input: BusinessHoursInput): BusinessCalendar {
  const hours: Partial<Record<0 | 1 | 2 | 3 | 4 | 5 | 6, [number, number][]>> = {};
  for (const h of input.hours) {
    const day = h.weekday as 0 | 1 | 2 | 3 | 4 | 5 | 6;
    (hours[day] ??= []).push([h.startMinute, h.endMinute]);
  }
  return { timeZone: input.timeZone, hours, ...(input.holidays ? { holidays: input.holidays } : {}) };
}

@Resolver()
export class SupportResolver {
  @Query(() => ResponseTimesType, { nullable: true, description: "First response, reply and resolution times of tickets (median, p90, mean with intervals); null when there are no tickets." })
  async responseTimes(
    @Ctx() ctx: Context,
    @Arg("filter", () => TicketFilterInput, { nullable: true }) filter?: TicketFilterInput,
    @Arg("businessHours", () => BusinessHoursInput, { nullable: true }) businessHours?: BusinessHoursInput,
    @Arg("customers", () => CustomerFilterInput, { nullable: true, description: "Only tickets of these customers (segment, journey stage, ladder rung)." }) customers?: CustomerFilterInput,
  ): Promise<ResponseTimesType | null> {
    const pg = dialect(ctx.scope.em) === "postgresql";
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter?.from) (where.push("t.opened_at >= ?"), params.push(pg ? filter.from : filter.from.getTime()));
    if (filter?.to) (where.push("t.opened_at < ?"), params.push(pg ? filter.to : filter.to.getTime()));
    if (filter?.channel) (where.push("t.channel = ?"), params.push(filter.channel));
    const ofCustomers = customerFilterSql(ctx.workspace.id, "t.customer_id", customers);
    if (ofCustomers) (where.push(ofCustomers.sql), params.push(...ofCustomers.params));
    const rows = await ctx.scope.select<{ ticket_id: number; type: string; occurred_at: SqlDate }>(
      `select e.ticket_id, e.type, e.occurred_at from ticket_events e join support_tickets t on t.id = e.ticket_id
       where e.workspace_id = ?${where.map((w) => ` and ${w}`).join("")} order by e.ticket_id, e.occurred_at, e.id`,
      params,
    );
    if (rows.length === 0) return null;
    const events: TicketEvent[] = rows.map((r) => ({ ticketId: String(r.ticket_id), type: r.type as TicketEvent["type"], at: toMs(r.occurred_at) }));
    const times = ticketResponseTimes(events, businessHours ? { calendar: calendarOf(businessHours) } : {});
    const stats = (xs: number[]) => DurationStatsType.from(xs.length > 0 ? durationSummary(xs) : null);
    return Object.assign(new ResponseTimesType(), {
      tickets: times.tickets,
      firstResponse: stats(times.firstResponse),
      reply: stats(times.reply),
      resolution: stats(times.resolution),
      businessHours: businessHours !== undefined && businessHours !== null,
    });
  }

  @Query(() => RateType, {
    nullable: true,
    description:
      "Share of support needs solved without an agent (the core's deflectionCounts + selfServiceDeflectionRate, Wilson interval): resolutions — kb_article_helpful interactions not followed by a ticket of the same customer within ticketWithinHours, and answer_accepted interactions — over resolutions + tickets opened, in [from, to). count = self-served, n = self-served + tickets. Null when the period has neither.",
  })
  async selfServiceDeflectionRate(
    @Ctx() ctx: Context,
    @Arg("from", () => DateTimeResolver, { nullable: true }) from?: Date,
    @Arg("to", () => DateTimeResolver, { nullable: true }) to?: Date,
    @Arg("ticketWithinHours", () => Float, { defaultValue: 24, description: "A ticket of the reader this many hours after a helpful vote (the same instant included) means the article did not solve the need." }) ticketWithinHours = 24,
  ): Promise<RateType | null> {
    const r = await deflectionRate(ctx.scope, from ?? undefined, to ?? undefined, ticketWithinHours);
    return r === null ? null : Object.assign(new RateType(), { rate: r.rate, interval: IntervalType.from(r.interval), n: r.n, count: r.count });
  }
}
