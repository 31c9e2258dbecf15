/** One event on a support ticket, as response-time metrics read it. */
export interface TicketEvent {
  readonly ticketId: string;
  readonly type: "opened" | "agent_reply" | "customer_reply" | "resolved" | "reopened";
  /** Epoch ms. */
  readonly at: number;
}
