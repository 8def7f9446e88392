import type { ResourceCheck } from "./arns";
import type { QueryParams } from "./query";
import type { RestRequest } from "./route53";
import type { Session, World } from "./world";

/** What an action handler gets: the world, the caller, the region and the request. */
export interface CallContext {
  readonly world: World;
  readonly session: Session;
  readonly account: string;
  readonly region: string;
  readonly params: QueryParams;
  /** For a REST/XML service (Route 53): the request's path ids, query and XML body. */
  readonly rest?: RestRequest;
  /**
   * Evaluates `action` on every resource against the caller's policies;
   * throws `UnauthorizedOperation` on the first one refused.
   */
  authorize(action: string, resources: readonly ResourceCheck[]): void;
}

/** An action handler: returns the response body (without requestId). */
export type Handler = (ctx: CallContext) => Record<string, unknown>;
