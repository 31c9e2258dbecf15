import "reflect-metadata";
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { ALL_COLUMNS, columnsFor, selectedFields, type SelectionInfo } from "../src/modules/common/selection.js";
import { CUSTOMER_COLUMNS } from "../src/modules/customer/Customer.type.js";

/** The `info` a resolver of the operation's first root field would get. */
function infoOf(query: string): SelectionInfo {
  const doc = parse(query);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const root = operation?.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD) ?? [];
  return { fieldNodes: root.slice(0, 1), fragments };
}

describe("selectedFields", () => {
  it("should list the fields under a path, merging fragments, inline fragments and repeated fields", () => {
    const info = infoOf(`query {
      customers { edges { node { id ...Scores ... on Customer { email } segments { key } } } edges { cursor node { journeyStage } } }
    }
    fragment Scores on Customer { scores { rfm } ...More }
    fragment More on Customer { traits }`);
    expect([...selectedFields(info)].sort()).toEqual(["edges"]);
    expect([...selectedFields(info, ["edges"])].sort()).toEqual(["cursor", "node"]);
    expect([...selectedFields(info, ["edges", "node"])].sort()).toEqual(["email", "id", "journeyStage", "scores", "segments", "traits"]);
    expect([...selectedFields(info, ["edges", "node", "segments"])]).toEqual(["key"]);
  });

  it("should count fields under @skip/@include as selected (a column too many is safe)", () => {
    const info = infoOf(`query($x: Boolean!) { customers { edges { node { id email @include(if: $x) } } } }`);
    expect(selectedFields(info, ["edges", "node"]).has("email")).toBe(true);
  });

  it("should answer the same set for the same field nodes (walked once per operation)", () => {
    const info = infoOf(`{ customers { edges { node { id } } } }`);
    expect(selectedFields(info, ["edges", "node"])).toBe(selectedFields({ ...info }, ["edges", "node"]));
  });

  it("should survive a fragment that spreads itself (validation rejects it; the walk must still end)", () => {
    const info = infoOf(`{ customers { ...Loop } } fragment Loop on CustomerConnection { edges { cursor } ...Loop }`);
    expect([...selectedFields(info)]).toEqual(["edges"]);
  });
});

describe("columnsFor", () => {
  it("should read only the columns of the selected fields, plus the required ones", () => {
    const info = infoOf(`{ customers { edges { node { journeyStage scores { rfm } segments { key } __typename } } } }`);
    const plan = columnsFor(selectedFields(info, ["edges", "node"]), CUSTOMER_COLUMNS, ["id"]);
    expect(plan.columns).toEqual(["engagement_score", "id", "journey_stage", "p_alive", "predicted_clv", "rfm_score"]);
    expect(plan.key).toBe(plan.columns?.join(","));
  });

  it("should read every column when a field it does not know is selected (an integrator's resolver may read any of the row)", () => {
    const info = infoOf(`{ customers { edges { node { id vipLevel } } } }`);
    expect(columnsFor(selectedFields(info, ["edges", "node"]), CUSTOMER_COLUMNS, ["id"])).toBe(ALL_COLUMNS);
  });

  it("should give one plan object per selection and map (loaders are cached by it)", () => {
    const selected = selectedFields(infoOf(`{ customers { edges { node { email } } } }`), ["edges", "node"]);
    expect(columnsFor(selected, CUSTOMER_COLUMNS, ["id"])).toBe(columnsFor(selected, CUSTOMER_COLUMNS, ["id"]));
  });
});
