import type { Context } from "../../server/Context.js";
import type { IngestionPayload } from "./IngestionPayload.type.js";
import type { InteractionInput } from "./Interaction.input.js";
import { IngestionResolver } from "./ingestion.resolver.js";

const resolver = new IngestionResolver();

/**
 * `Mutation.recordInteractions` as a plain GraphQL resolver calling the same
 * method IngestionResolver declares it with (so the same checks, the same
 * typed errors and paths). createSchema binds it directly: type-graphql's
 * wrapper turns every item of the batch (and its `customer`) into an
 * instance of the input class, which the method never needs (it reads the
 * fields only) — about 2 ms of a 1,000-item batch. The items arrive as
 * GraphQL coerced them (occurredAt a Date, properties an object).
 */
export const ingestionFields = {
  recordInteractions: (_root: unknown, args: { input: InteractionInput[] }, ctx: Context): Promise<IngestionPayload> => resolver.recordInteractions(ctx, args.input),
};
