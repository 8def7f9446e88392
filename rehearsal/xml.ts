import { XMLBuilder } from "fast-xml-parser";

/**
 * The AWS Query protocol's response side: EC2's XML (lists as `<item>`,
 * errors as `<Response><Errors>`), and STS/IAM's XML (lists as `<member>`,
 * results under `<ActionResult>`, errors as `<ErrorResponse>`).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/query-api-troubleshooting.html
 * https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
 * Route 53's REST/XML answers are `<ActionResponse xmlns=...>` with the fields at the top, and
 * its errors the same `<ErrorResponse>` as STS/IAM.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_AssociateVPCWithHostedZone.html#API_AssociateVPCWithHostedZone_ResponseSyntax
 */

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  suppressEmptyNode: false,
  processEntities: true,
});

/** The XML namespace of each service's responses. */
export const NAMESPACES = {
  ec2: "http://ec2.amazonaws.com/doc/2016-11-15/",
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
  route53: "https://route53.amazonaws.com/doc/2013-04-01/",
} as const;

/** A service the local AWS answers. */
export type Service = keyof typeof NAMESPACES;

/** An error answered to the client, in the service's own format. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** An EC2 list (`<xSet><item>..</item></xSet>`). */
export function items<T>(values: readonly T[]): { item: T[] } | "" {
  return values.length === 0 ? "" : { item: [...values] };
}

/** An STS/IAM list (`<x><member>..</member></x>`). */
export function members<T>(values: readonly T[]): { member: T[] } | "" {
  return values.length === 0 ? "" : { member: [...values] };
}

/** A successful response body. */
export function successXml(service: Service, action: string, body: Record<string, unknown>, requestId: string): string {
  const root =
    service === "ec2"
      ? { "@_xmlns": NAMESPACES.ec2, requestId, ...body }
      : service === "route53"
        ? { "@_xmlns": NAMESPACES.route53, ...body }
        : { "@_xmlns": NAMESPACES[service], [`${action}Result`]: body, ResponseMetadata: { RequestId: requestId } };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [`${action}Response`]: root })}`;
}

/** An error response body. */
export function errorXml(service: Service, error: AwsError, requestId: string): string {
  const doc =
    service === "ec2"
      ? { Response: { Errors: { Error: { Code: error.code, Message: error.message } }, RequestID: requestId } }
      : {
          ErrorResponse: {
            "@_xmlns": NAMESPACES[service],
            Error: { Type: error.status >= 500 ? "Receiver" : "Sender", Code: error.code, Message: error.message },
            RequestId: requestId,
          },
        };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(doc)}`;
}
