import { Args, Ctx, FieldResolver, Resolver, type ClassType } from "type-graphql";
import type { GraphQLScalarType } from "graphql";
import type { Context } from "../server/Context.js";
import { MetricsType } from "./MetricsType.js";

/** What {@link defineMetric} takes. */
export interface MetricSpec<R extends object, A extends object> {
  /** The field name under `metrics { … }`; unique among installed plugins. */
  readonly name: string;
  readonly description: string;
  /** The GraphQL output type: a type-graphql object type or a scalar. */
  readonly type: () => ClassType<R> | GraphQLScalarType;
  /** An `@ArgsType` class for the field's arguments, if any. */
  readonly args?: ClassType<A>;
  readonly nullable?: boolean;
  resolve(ctx: Context, args: A): R | null | Promise<R | null>;
}

/** A metric of a plugin: its name and the generated resolver class that adds it to `Metrics`. */
export interface PluginMetric {
  readonly name: string;
  readonly resolver: ClassType;
}

/**
 * Defines a metric as a field of the root `metrics` object. Call it once, at
 * module scope: it builds a type-graphql `@FieldResolver` class on `Metrics`
 * (type-graphql's metadata is global, so calling it per schema build would
 * pile up classes).
 */
export function defineMetric<R extends object, A extends object = Record<string, never>>(spec: MetricSpec<R, A>): PluginMetric {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(spec.name)) throw new Error(`defineMetric requires a GraphQL field name, got ${JSON.stringify(spec.name)}`);
  const Cls = class {} as ClassType;
  Object.defineProperty(Cls, "name", { value: `${spec.name}MetricResolver` });
  const proto = Cls.prototype as Record<string, unknown>;
  proto[spec.name] = (ctx: Context, args?: A) => spec.resolve(ctx, (args ?? {}) as A);
  Ctx()(proto, spec.name, 0);
  if (spec.args) Args(() => spec.args as ClassType<A>)(proto, spec.name, 1);
  const descriptor = Object.getOwnPropertyDescriptor(proto, spec.name) as PropertyDescriptor;
  FieldResolver(spec.type, { description: spec.description, nullable: spec.nullable ?? false })(proto, spec.name, descriptor);
  Resolver(() => MetricsType)(Cls);
  return { name: spec.name, resolver: Cls };
}
