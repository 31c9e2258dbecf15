import { Connection } from "../common/connection.js";
import { CustomerType } from "./Customer.type.js";

export const CustomerConnection = Connection(CustomerType, "Customer");
export type CustomerConnection = InstanceType<typeof CustomerConnection>;
