import { Migration } from '@mikro-orm/migrations';

/**
 * `customers.state_rev`: a random revision written with every saved state,
 * so a server process can keep customers' parsed states in memory across
 * batches and trust its copy only while the row still carries the same
 * revision (see modules/state/stateCache.ts in @engagekit/graphql).
 */
export class Migration20261206000000_stateRev extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`customers\` add column \`state_rev\` double null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`customers\` drop column \`state_rev\`;`);
  }

}
