import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ResourceCheck } from "./arns";
import { EC2_ACTIONS } from "./ec2";
import type { CallContext, Handler } from "./ec2-context";
import { IAM_ACTIONS } from "./iam";
import { decide, type Policy } from "./policy";
import { parseQuery, str } from "./query";
import { ROUTE53_ACTIONS, routeRoute53 } from "./route53";
import { STS_ACTIONS } from "./sts";
import { type CallRecord, emptyWorld, type Session, type World } from "./world";
import { AwsError, errorXml, type Service, successXml } from "./xml";

/**
 * The local AWS endpoint: one HTTP server on 127.0.0.1 that answers the
 * Query/XML protocol of EC2, STS and IAM, and Route 53's REST/XML (the action
 * from the method and path, rehearsal/route53.ts). The service and region come from
 * the SigV4 credential scope of the Authorization header
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html);
 * the access key says who calls. Signatures are not verified.
 */

/** A running local AWS. */
export interface LocalAws {
  readonly url: string;
  readonly world: World;
  close(): Promise<void>;
}

const HANDLERS: Record<Service, Readonly<Record<string, Handler>>> = {
  ec2: EC2_ACTIONS,
  sts: STS_ACTIONS,
  iam: IAM_ACTIONS,
  route53: ROUTE53_ACTIONS,
};

/** The policies in force for a session: the inline policies of its role. */
function policiesOf(world: World, session: Session): Policy[] {
  const role = world.roles.find((r) => r.arn === session.principalArn);
  return role ? Object.values(role.inlinePolicies) : [];
}

/** The statement a denied request is missing, for the message and the report. */
export function missingStatement(action: string, resource: ResourceCheck): string {
  const keys = Object.entries(resource.context).filter(([k]) =>
    /^ec2:(AccepterVpc|RequesterVpc|CreateAction)$/.test(k),
  );
  const condition =
    keys.length > 0
      ? {
          Condition: Object.fromEntries(
            keys.map(([k, v]) => [k.endsWith("Vpc") ? "ArnEquals" : "StringEquals", { [k]: v[0] }]),
          ),
        }
      : {};
  return JSON.stringify({ Effect: "Allow", Action: action, Resource: resource.arn, ...condition });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Answers one request: returns status and XML. */
export function handle(
  world: World,
  authorization: string,
  body: string,
  request: { readonly method: string; readonly url: string } = { method: "POST", url: "/" },
): { status: number; xml: string } {
  const requestId = randomUUID();
  const scope = /Credential=([^/]+)\/\d+\/([^/]+)\/([^/]+)\//.exec(authorization);
  const service = (scope?.[3] ?? "ec2") as Service;
  // A request Route 53 cannot read (a bad percent-escape, malformed XML) is its InvalidInput, a 400 the SDK does not retry.
  let unreadable: AwsError | undefined;
  let rest: ReturnType<typeof routeRoute53>;
  if (service === "route53") {
    try {
      rest = routeRoute53(request.method, request.url, body);
    } catch (cause) {
      unreadable =
        cause instanceof AwsError ? cause : new AwsError("InvalidInput", `cannot read the request: ${String(cause)}`);
    }
  }
  const params = service === "route53" ? {} : parseQuery(body);
  const action =
    service === "route53"
      ? (rest?.action ?? `${request.method} ${request.url.split("?")[0]}`)
      : (str(params, "Action") ?? "");
  const known = service in HANDLERS ? service : "ec2";
  try {
    if (unreadable) throw unreadable;
    if (!scope)
      throw new AwsError("MissingAuthenticationToken", "Request is missing a SigV4 Authorization header", 403);
    if (!(service in HANDLERS))
      throw new AwsError("InvalidAction", `local AWS: service ${service} is not implemented (rehearsal/server.ts)`);
    const session = world.sessions[scope[1]];
    if (!session)
      throw new AwsError(
        "AuthFailure",
        `AWS was not able to validate the provided access credentials (unknown access key ${scope[1]})`,
        401,
      );
    const region = service === "iam" ? "us-east-1" : scope[2];
    const handler = HANDLERS[service][action];
    const at = Date.now();
    const record = (r: Omit<CallRecord, "service" | "account" | "region" | "role" | "at" | "client">) =>
      world.calls.push({
        service,
        account: session.account,
        region,
        role: session.principalArn,
        client: session.client,
        at,
        ...r,
      });
    if (!handler) {
      record({ action: `${service}:${action}`, resource: "-", decision: "error", detail: "not implemented" });
      throw new AwsError(
        "InvalidAction",
        `local AWS: ${service}:${action} is not implemented (rehearsal/${service}.ts); the provider called something new`,
      );
    }
    let checked = false;
    const ctx: CallContext = {
      world,
      session,
      account: session.account,
      region,
      params,
      rest: rest?.request,
      authorize(checkedAction, resources) {
        checked = true;
        for (const resource of resources) {
          const decision = session.unrestricted
            ? { allowed: true }
            : decide(policiesOf(world, session), checkedAction, resource.arn, resource.context);
          if (!decision.allowed) {
            const missing = missingStatement(checkedAction, resource);
            record({ action: checkedAction, resource: resource.arn, decision: "deny", detail: missing });
            const why =
              "explicitDeny" in decision && decision.explicitDeny
                ? `an explicit deny (${decision.statement})`
                : "no identity-based policy allows it";
            const code = service === "ec2" ? "UnauthorizedOperation" : "AccessDenied";
            throw new AwsError(
              code,
              `You are not authorized to perform this operation. User: ${session.callerArn} is not authorized to perform: ${checkedAction} on resource: ${resource.arn} because ${why}. Missing: ${missing}`,
              403,
            );
          }
        }
        record({ action: checkedAction, resource: resources.map((r) => r.arn).join(" "), decision: "allow" });
      },
    };
    try {
      const result = handler(ctx);
      if (!checked) record({ action: `${service}:${action}`, resource: "*", decision: "allow" });
      return { status: 200, xml: successXml(service, action, result, requestId) };
    } catch (e) {
      if (e instanceof AwsError && !/^(UnauthorizedOperation|AccessDenied)$/.test(e.code)) {
        record({ action: `${service}:${action}`, resource: "-", decision: "error", detail: `${e.code}: ${e.message}` });
      }
      throw e;
    }
  } catch (e) {
    const error =
      e instanceof AwsError ? e : new AwsError("InternalError", `local AWS: ${(e as Error).stack ?? e}`, 500);
    return { status: error.status, xml: errorXml(known, error, requestId) };
  }
}

/** Starts the local AWS on 127.0.0.1 and a free port. */
export async function startLocalAws(world: World = emptyWorld()): Promise<LocalAws> {
  const server: Server = createServer((req, res) => {
    readBody(req)
      .then((body) => {
        const { status, xml } = handle(world, String(req.headers.authorization ?? ""), body, {
          method: req.method ?? "POST",
          url: req.url ?? "/",
        });
        res.writeHead(status, { "content-type": "text/xml", "x-amzn-requestid": randomUUID() });
        res.end(xml);
      })
      .catch((e: Error) => {
        res.writeHead(500);
        res.end(String(e));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    world,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
