import { ErrorCodes, InputError } from "@engagekit/core";
import {
  getNamedType,
  isInputObjectType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { IdCodec } from "./IdCodec.js";
import { CURSOR_KIND, isIdKind, type IdKind } from "./IdKind.js";
import { ID_COORDINATES, ID_KIND_ARGS_EXTENSION, ID_KIND_EXTENSION, EMBEDDED_ID_OUTPUTS, KEY_STRING } from "./idCoordinates.js";
import { wrapFieldResolvers } from "../server/wrapFieldResolvers.js";

/** Where a request's {@link IdCodec} sits on its context object (createServer puts it there). */
export const ID_CODEC = Symbol.for("engagekit.idCodec");

/**
 * The row id a resolver receives for an id that is not the caller's (another
 * workspace's, another kind's, a raw row number, anything forged): no table
 * has a row 0 (ids start at 1), so the resolver answers exactly as for an
 * unknown id (null, NOT_FOUND, an empty list) without learning anything.
 */
export const UNKNOWN_ROW_ID = "0";

const WRAPPED = Symbol.for("engagekit.opaqueIds");

/** How an output field's value is made opaque, with the request's codec and workspace. */
type OutputEncoder = (value: unknown, codec: IdCodec, workspaceId: number, source: unknown) => unknown;

/** How one input value carries row ids: it is one (of a kind), or it is an input object some of whose fields do. */
type InputPlan = { readonly kind: IdKind; readonly cursor: boolean } | { readonly fields: ReadonlyMap<string, InputPlan> };

interface IdContext {
  readonly workspace?: { readonly id: number };
  readonly [ID_CODEC]?: IdCodec;
}

/**
 * Makes every row id and cursor of `schema` opaque, in place: the resolver of
 * each output field that carries a row id ({@link ID_COORDINATES}, plugin
 * fields with the `idKind` extension, edges' `cursor`, `PageInfo.endCursor`,
 * the ids embedded in the values of {@link EMBEDDED_ID_OUTPUTS})
 * is wrapped to encode what it returns with the request's codec and
 * workspace; each field taking row ids (arguments, input-object fields, the
 * `after` of connections) gets them decoded before its resolver runs, so
 * resolvers keep working with row ids as decimal strings. An id that does
 * not decode for the caller's workspace and the expected kind reaches the
 * resolver as {@link UNKNOWN_ROW_ID}; a cursor that does not is refused
 * (BAD_USER_INPUT at `after`, as any cursor this API did not hand out).
 *
 * Requests whose context carries no codec (at {@link ID_CODEC}; an
 * in-process execution with a hand-made context) see raw row ids. Idempotent
 * (a schema shared by two servers is wrapped once; each request brings its
 * server's codec). Cost: one resolver call and one cache look-up per id.
 *
 * @example
 * opaqueIds(schema); // then put an IdCodec at context[ID_CODEC]
 */
export function opaqueIds(schema: GraphQLSchema): void {
  const cursorFields = cursorCoordinates(schema);
  const inputPlans = new Map<GraphQLInputObjectType, InputPlan | null>();
  wrapFieldResolvers(schema, WRAPPED, (field, type) => {
    const coordinate = `${type.name}.${field.name}`;
    const outputKind = cursorFields.has(coordinate) ? CURSOR_KIND : rowKind(coordinate, field.extensions?.[ID_KIND_EXTENSION]);
    const embedded = EMBEDDED_ID_OUTPUTS[coordinate];
    const encoder: OutputEncoder | null = embedded
      ? (value, codec, workspaceId, source) => embedded(value, (kind, row) => encodeOutput(kind, row, codec, workspaceId), source)
      : outputKind
        ? (value, codec, workspaceId) => encodeOutput(outputKind, value, codec, workspaceId)
        : null;
    const argPlans = new Map<string, InputPlan>();
    for (const arg of field.args) {
      const plan = argPlan(type, field, arg, cursorFields, inputPlans);
      if (plan) argPlans.set(arg.name, plan);
    }
    if (encoder === null && argPlans.size === 0) return undefined;
    return wrap(field, encoder, argPlans) as GraphQLFieldResolver<unknown, unknown>;
  });
}

/** The `after` arguments of fields returning a `…Connection`, its edges' `cursor`, and `PageInfo.endCursor`: `Type.field` and `Type.field(after)`. */
export function cursorCoordinates(schema: GraphQLSchema): ReadonlySet<string> {
  const out = new Set<string>();
  const connections = new Set<GraphQLObjectType>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith("Connection")) continue;
    const fields = type.getFields();
    const edge = fields.edges ? getNamedType(fields.edges.type) : undefined;
    const pageInfo = fields.pageInfo ? getNamedType(fields.pageInfo.type) : undefined;
    if (!isObjectType(edge) || !edge.getFields().cursor || !isObjectType(pageInfo)) continue;
    connections.add(type);
    out.add(`${edge.name}.cursor`);
    if (pageInfo.getFields().endCursor) out.add(`${pageInfo.name}.endCursor`);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const returned = getNamedType(field.type);
      if (!isObjectType(returned) || !connections.has(returned)) continue;
      const after = field.args.find((a) => a.name === "after");
      if (after && getNamedType(after.type).name === "String") out.add(`${type.name}.${field.name}(after)`);
    }
  }
  return out;
}

/** The row-id kind of a coordinate (the table first, then a plugin's extension); null for a key string or no id. */
function rowKind(coordinate: string, extension: unknown): IdKind | null {
  const kind = ID_COORDINATES[coordinate] ?? extension;
  if (kind === undefined || kind === null || kind === KEY_STRING) return null;
  if (typeof kind !== "string" || !isIdKind(kind)) throw new TypeError(`opaqueIds: ${coordinate} names the id kind ${JSON.stringify(kind)}; a kind is three lowercase letters`);
  return kind;
}

function argPlan(
  type: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  arg: GraphQLArgument,
  cursorFields: ReadonlySet<string>,
  inputPlans: Map<GraphQLInputObjectType, InputPlan | null>,
): InputPlan | null {
  const coordinate = `${type.name}.${field.name}(${arg.name})`;
  if (cursorFields.has(coordinate)) return { kind: CURSOR_KIND, cursor: true };
  const byExtension = field.extensions?.[ID_KIND_ARGS_EXTENSION] as Readonly<Record<string, unknown>> | undefined;
  const kind = rowKind(coordinate, byExtension?.[arg.name]);
  if (kind) return { kind, cursor: false };
  const named = getNamedType(arg.type);
  return isInputObjectType(named) ? inputObjectPlan(named, inputPlans) : null;
}

/** The plan of an input object type: which of its fields (nested ones too) carry row ids; null when none does. */
function inputObjectPlan(type: GraphQLInputObjectType, plans: Map<GraphQLInputObjectType, InputPlan | null>): InputPlan | null {
  if (plans.has(type)) return plans.get(type) ?? null;
  plans.set(type, null); // a recursive input type refers to itself: no ids through the cycle
  const fields = new Map<string, InputPlan>();
  for (const f of Object.values(type.getFields()) as GraphQLInputField[]) {
    const kind = rowKind(`${type.name}.${f.name}`, f.extensions?.[ID_KIND_EXTENSION]);
    if (kind) {
      fields.set(f.name, { kind, cursor: false });
      continue;
    }
    const named = getNamedType(f.type);
    const nested = isInputObjectType(named) ? inputObjectPlan(named, plans) : null;
    if (nested) fields.set(f.name, nested);
  }
  const plan = fields.size > 0 ? { fields } : null;
  plans.set(type, plan);
  return plan;
}

function wrap(field: GraphQLField<unknown, unknown>, encoder: OutputEncoder | null, argPlans: ReadonlyMap<string, InputPlan>): GraphQLFieldResolver<unknown, IdContext> {
  const resolve = field.resolve as GraphQLFieldResolver<unknown, IdContext> | undefined;
  const name = field.name;
  // Plain properties (most id fields) are read here rather than through graphql's default resolver.
  const call: GraphQLFieldResolver<unknown, IdContext> =
    resolve ??
    ((source, args, context, info) => {
      const value = (source as Record<string, unknown> | null | undefined)?.[name];
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).call(source, args, context, info) : value;
    });
  return (source, args, context, info) => {
    const codec = context?.[ID_CODEC];
    const workspaceId = context?.workspace?.id;
    if (!codec || workspaceId === undefined) return call(source, args, context, info);
    let decodedArgs = args;
    if (argPlans.size > 0) {
      decodedArgs = { ...args };
      for (const [arg, plan] of argPlans) {
        if (arg in decodedArgs) decodedArgs[arg] = decodeInput(plan, decodedArgs[arg], codec, workspaceId, arg);
      }
    }
    const value = call(source, decodedArgs, context, info);
    if (encoder === null) return value;
    return isThenable(value) ? value.then((v) => encoder(v, codec, workspaceId, source)) : encoder(value, codec, workspaceId, source);
  };
}

function encodeOutput(kind: IdKind, value: unknown, codec: IdCodec, workspaceId: number): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((v) => encodeOutput(kind, v, codec, workspaceId));
  return codec.encode(kind, workspaceId, value as number | string);
}

function decodeInput(plan: InputPlan, value: unknown, codec: IdCodec, workspaceId: number, arg: string): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((v) => decodeInput(plan, v, codec, workspaceId, arg));
  if ("kind" in plan) {
    const row = codec.decode(plan.kind, workspaceId, value);
    if (row !== null) return String(row);
    if (plan.cursor) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${arg} requires a cursor returned by this API, got ${JSON.stringify(value)}`, [arg], value);
    return UNKNOWN_ROW_ID;
  }
  if (typeof value !== "object") return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [name, nested] of plan.fields) {
    if (name in copy) copy[name] = decodeInput(nested, copy[name], codec, workspaceId, arg);
  }
  return copy;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
