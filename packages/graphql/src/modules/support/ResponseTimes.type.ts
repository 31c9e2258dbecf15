import { Field, Float, InputType, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import type { DurationStats, QuantileEstimate } from "@engagekit/core";
import { IntervalType } from "../common/Interval.type.js";

@InputType("WorkingIntervalInput", { description: "Working hours of one weekday: [startMinute, endMinute) after local midnight." })
export class WorkingIntervalInput {
  @Field(() => Int, { description: "0 = Sunday … 6 = Saturday." })
  weekday!: number;

  @Field(() => Int)
  startMinute!: number;

  @Field(() => Int)
  endMinute!: number;
}

@InputType("BusinessHoursInput", { description: "Count only working time (e.g. 09:00–18:00 Mon–Fri in Europe/London, holidays off)." })
export class BusinessHoursInput {
  @Field(() => String, { description: "IANA time zone, e.g. Europe/London." })
  timeZone!: string;

  @Field(() => [WorkingIntervalInput])
  hours!: WorkingIntervalInput[];

  @Field(() => [String], { nullable: true, description: "Local dates YYYY-MM-DD." })
  holidays?: string[];
}

@InputType("TicketFilterInput")
export class TicketFilterInput {
  @Field(() => DateTimeResolver, { nullable: true, description: "Tickets opened at or after." })
  from?: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: "Tickets opened before." })
  to?: Date;

  @Field(() => String, { nullable: true })
  channel?: string;
}

@ObjectType("QuantileEstimate", { simpleResolvers: true })
export class QuantileEstimateType {
  @Field(() => Float)
  value!: number;

  @Field(() => IntervalType, { nullable: true, description: "Order-statistic interval; null when n is too small." })
  interval!: IntervalType | null;
}

@ObjectType("DurationStats", { simpleResolvers: true, description: "Durations in milliseconds: median and p90 with order-statistic intervals, mean with a t interval." })
export class DurationStatsType {
  @Field(() => Int)
  n!: number;

  @Field(() => QuantileEstimateType)
  median!: QuantileEstimateType;

  @Field(() => QuantileEstimateType)
  p90!: QuantileEstimateType;

  @Field(() => Float)
  mean!: number;

  @Field(() => IntervalType, { nullable: true })
  meanInterval!: IntervalType | null;

  static from(s: DurationStats | null): DurationStatsType | null {
    if (!s) return null;
    const q = (e: QuantileEstimate) => Object.assign(new QuantileEstimateType(), { value: e.value, interval: e.interval ? IntervalType.from(e.interval) : null });
    return Object.assign(new DurationStatsType(), { n: s.n, median: q(s.median), p90: q(s.p90), mean: s.mean, meanInterval: s.meanInterval ? IntervalType.from(s.meanInterval) : null });
  }
}

@ObjectType("ResponseTimes", { simpleResolvers: true, description: "Support response times computed by @engagekit/core from ticket events; a statistic is null when no ticket has it." })
export class ResponseTimesType {
  @Field(() => Int)
  tickets!: number;

  @Field(() => DurationStatsType, { nullable: true, description: "Opened → first agent reply." })
  firstResponse!: DurationStatsType | null;

  @Field(() => DurationStatsType, { nullable: true, description: "Each wait for an agent reply." })
  reply!: DurationStatsType | null;

  @Field(() => DurationStatsType, { nullable: true, description: "Opened → final resolution." })
  resolution!: DurationStatsType | null;

  @Field(() => Boolean, { description: "Whether durations are business time." })
  businessHours!: boolean;
}
