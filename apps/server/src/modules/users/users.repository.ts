import { Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray, ne, or, sql } from 'drizzle-orm';
import { Database } from '../../infra/db/database';
import { users } from '../../infra/db/schema';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type ProfilePatch = Partial<
  Pick<UserRow, 'displayName' | 'bio' | 'avatar' | 'friendRequestsFrom' | 'dmsFrom' | 'readReceipts' | 'presenceChoice' | 'customStatusText' | 'customStatusExpiresAt'>
>;

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class UsersRepository {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  async insert(row: NewUserRow): Promise<UserRow> {
    const [created] = await this.db.insert(users).values(row).returning();
    return created!;
  }

  async findById(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id)).limit(1);
    return row;
  }

  async findByEmail(email: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.email, email)).limit(1);
    return row;
  }

  async findByHandle(username: string, discriminator: string): Promise<UserRow | undefined> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(and(sql`lower(${users.username}) = lower(${username})`, eq(users.discriminator, discriminator)))
      .limit(1);
    return row;
  }

  /** Accounts whose username is exactly this one (case-insensitive), at most `limit`: a login by bare username. */
  async findByUsername(username: string, limit: number): Promise<UserRow[]> {
    return this.db
      .select()
      .from(users)
      .where(sql`lower(${users.username}) = lower(${username})`)
      .orderBy(asc(users.id))
      .limit(limit);
  }

  /** Prefix search on username or display name, paged by id (time-ordered) keyset. */
  async search(query: { q?: string | undefined; afterId?: string | undefined; limit: number }): Promise<UserRow[]> {
    const filters = [];
    if (query.q) {
      const prefix = `${escapeLike(query.q.toLowerCase())}%`;
      const [name, discriminator] = query.q.split('#');
      filters.push(
        or(
          sql`lower(${users.username}) like ${prefix}`,
          sql`lower(${users.displayName}) like ${prefix}`,
          name && discriminator ? and(sql`lower(${users.username}) = lower(${name})`, eq(users.discriminator, discriminator)) : undefined,
        ),
      );
    }
    if (query.afterId) filters.push(gt(users.id, query.afterId));
    return this.db
      .select()
      .from(users)
      .where(and(...filters))
      .orderBy(asc(users.id))
      .limit(query.limit);
  }

  /** The presence choices of these users that are not `online`. */
  async presenceChoices(ids: string[]): Promise<{ id: string; choice: string }[]> {
    return this.db
      .select({ id: users.id, choice: users.presenceChoice })
      .from(users)
      .where(and(inArray(users.id, ids), ne(users.presenceChoice, 'online')));
  }

  async updateProfile(id: string, patch: ProfilePatch): Promise<UserRow | undefined> {
    const [row] = await this.db
      .update(users)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    return row;
  }
}
