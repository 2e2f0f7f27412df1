import type { Redis } from "ioredis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimited } from "./errors.ts";

/** Every limit Kinship enforces: points allowed per window of seconds. */
export const LIMITS = {
  signupPerIp: { points: 10, duration: 3600 },
  loginPerIp: { points: 30, duration: 900 },
  loginFailuresPerHandle: { points: 10, duration: 900 },
  passphraseChecksPerMember: { points: 10, duration: 900 },
  partnerInvitesPerMember: { points: 20, duration: 86_400 },
  encouragementsPerMember: { points: 60, duration: 3600 },
  /** Asking to join closed groups: plenty for a person, not for a bot knocking on every door. */
  joinRequestsPerMember: { points: 20, duration: 86_400 },
  mentorshipRequestsPerMember: { points: 10, duration: 86_400 },
  mentorshipMessagesPerMember: { points: 60, duration: 60 },
  /** Starting direct conversations outside a mentorship (messages then count as above). */
  directConversationsPerMember: { points: 10, duration: 86_400 },
  /** Posts and replies of a new account (trust level 0); others have no per-hour limit. */
  newcomerPostsPerMember: { points: 10, duration: 3600 },
} as const;
export type LimitName = keyof typeof LIMITS;

/** Rate limits shared by every app node through Redis when it is set, in memory otherwise. */
export type Limits = {
  /** Count one attempt; throws RateLimited once the window is used up. */
  hit(name: LimitName, key: string): Promise<void>;
  /** Throws RateLimited if the window is already used up, without counting. */
  check(name: LimitName, key: string): Promise<void>;
  reset(name: LimitName, key: string): Promise<void>;
};

export function createLimits({ redis, prefix = "kinship" }: { redis?: Redis; prefix?: string }): Limits {
  const limiters = new Map<LimitName, RateLimiterAbstract>();
  for (const [name, { points, duration }] of Object.entries(LIMITS) as [LimitName, (typeof LIMITS)[LimitName]][]) {
    const keyPrefix = `${prefix}:limit:${name}`;
    const memory = new RateLimiterMemory({ points, duration, keyPrefix });
    limiters.set(
      name,
      redis
        ? // If Redis is unreachable the node falls back to its own memory rather than refusing everyone.
          new RateLimiterRedis({ storeClient: redis, points, duration, keyPrefix, insuranceLimiter: memory })
        : memory,
    );
  }
  const limiter = (name: LimitName) => limiters.get(name) as RateLimiterAbstract;
  const refuse = (res: RateLimiterRes) => new RateLimited(Math.ceil(res.msBeforeNext / 1000));

  return {
    async hit(name, key) {
      try {
        await limiter(name).consume(key.toLowerCase());
      } catch (error) {
        if (error instanceof RateLimiterRes) throw refuse(error);
        throw error;
      }
    },
    async check(name, key) {
      const res = await limiter(name).get(key.toLowerCase());
      if (res && res.consumedPoints >= LIMITS[name].points) throw refuse(res);
    },
    async reset(name, key) {
      await limiter(name).delete(key.toLowerCase());
    },
  };
}
